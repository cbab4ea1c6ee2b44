// The content hash recorded with each version: SHA-256 of the canonical JSON, so anyone holding
// the published JSON can recompute it and show the text was not altered afterwards.
import { createHash } from "node:crypto";
import { canonicalJson, type PolicyContent } from "./policyDocument";

export function policyContentHash(content: PolicyContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
