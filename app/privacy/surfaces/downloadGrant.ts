// The account page's download of a disclosure package. A customer-account UI extension cannot send
// its session token with a plain link, so the page asks (with the token) for a one-time link to
// its own request's package, and then opens it. The link is a random token: only its hash is
// stored, it opens once, within GRANT_MINUTES, and every download is on the request's timeline.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db.factory";
import { latestDisclosurePackage, packageCsv, packageHtml, packageJson, type DisclosurePackage } from "../disclosure";
import { appendRequestEvent } from "../requests/timeline";
import { RequestInputError, RequestNotFoundError } from "../requests/requestTypes";
import { packageReady } from "./accountPrivacy";

export const GRANT_MINUTES = 5;
export const PACKAGE_FORMATS = ["html", "json", "csv"] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time token for the customer's own ready package; another customer's request is not found. */
export async function grantPackageDownload(
  db: Db,
  input: { shop: string; customerId: string; requestId: string; format?: unknown; language?: unknown },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const format = input.format ?? "html";
  if (!(PACKAGE_FORMATS as readonly unknown[]).includes(format)) throw new RequestInputError("format must be html, json or csv", "format");
  const request = await db.privacyRequest.findFirst({ where: { id: input.requestId, shop: input.shop, shopifyCustomerId: input.customerId } });
  if (!request) throw new RequestNotFoundError();
  if (!(await packageReady(db, request))) throw new RequestInputError("the package is not ready", "package", "package_not_ready");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + GRANT_MINUTES * 60_000);
  await db.accountDownloadGrant.create({
    data: { shop: request.shop, requestId: request.id, tokenHash: hashToken(token), format: format as string, language: input.language === "en" ? "en" : "ja", expiresAt },
  });
  return { token, expiresAt };
}

export interface GrantedFile {
  body: string;
  contentType: string;
  fileName: string;
  inline: boolean;
}

const RENDER: Record<PackageFormat, { type: string; render: (pkg: DisclosurePackage) => string }> = {
  html: { type: "text/html; charset=utf-8", render: packageHtml },
  json: { type: "application/json; charset=utf-8", render: packageJson },
  csv: { type: "text/csv; charset=utf-8", render: packageCsv },
};

/** The file a token opens, once; a used, expired or unknown token opens nothing (null). */
export async function redeemPackageDownload(db: Db, token: string, now = new Date()): Promise<GrantedFile | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  // The conditional update lets exactly one of several concurrent openings through.
  const claimed = await db.accountDownloadGrant.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return null;
  const grant = await db.accountDownloadGrant.findUniqueOrThrow({ where: { tokenHash } });
  const request = await db.privacyRequest.findFirst({ where: { id: grant.requestId, shop: grant.shop } });
  const pkg = request && (await latestDisclosurePackage(db, grant.shop, request.id));
  if (!request || !pkg) return null;
  const format = grant.format as PackageFormat;
  const localised = { ...pkg, language: grant.language === "en" ? ("en" as const) : ("ja" as const) };
  await appendRequestEvent(db, { shop: grant.shop, requestId: request.id, actor: "shopper", action: "disclosure_downloaded", at: now, detail: { format, via: "customer_account" } });
  return {
    body: RENDER[format].render(localised),
    contentType: RENDER[format].type,
    fileName: `${request.reference}-disclosure.${format}`,
    inline: format === "html",
  };
}
