// Links a mail must carry but nobody reading the database or the desk may use: the one-time identity
// link and the shopper's status link. The queued body holds a placeholder; the links themselves are
// sealed (AES-256-GCM under a key derived with HKDF from the app's key, the key's id in front so a
// rotation still opens what was sealed before it) and are put into the text only at the moment of
// sending. Once the mail is sent the sealed links are cleared, so nothing readable remains.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { hashKeyring } from "../keyedHash";
import { LINK_PLACEHOLDER } from "./linkPlaceholder";

export { hasLinkPlaceholder, linkPlaceholder, withoutLinks } from "./linkPlaceholder";

const LABEL = "mail links";

export function sealLinks(links: Record<string, string>): string {
  const key = hashKeyring().current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.sealKey!(LABEL), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(links), "utf8"), cipher.final()]);
  return [key.id, iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The links, or null when the value cannot be opened (a key no longer in the ring, tampering). */
export function openLinks(value: string): Record<string, string> | null {
  const [id, iv, sealed, tag] = value.split(".");
  const key = hashKeyring().all.find((candidate) => candidate.id === id && candidate.sealKey);
  if (!key || !iv || !sealed || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.sealKey!(LABEL), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
    const links: unknown = JSON.parse(text);
    return links && typeof links === "object" ? (links as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** The text to send: every placeholder replaced by its link. */
export function withLinks(body: string, links: Record<string, string> | null): string {
  return body.replace(LINK_PLACEHOLDER, (whole, name: string) => links?.[name] ?? whole);
}
