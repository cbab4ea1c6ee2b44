// The account page's download of a disclosure package. A customer-account UI extension cannot send
// its session token with a plain link, so the page asks (with the token) for a one-time link to
// its own request's package, and then opens it. The link is a random token: only its hash is
// stored, it opens once, within GRANT_MINUTES, and it counts as one download of the request's
// delivery (delivery.ts), the same counter and timeline as the decision notice's link.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db.factory";
import { deliverPackage, isPackageFormat, PACKAGE_FORMATS, type DeliveredFile } from "../disclosure/delivery";
import { RequestInputError, RequestNotFoundError } from "../requests/requestTypes";
import { packageReady } from "./accountPrivacy";

export const GRANT_MINUTES = 5;

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

/** The file a token opens, once, counted against the request's delivery; a used, expired or
 * unknown token, or a delivery with no downloads left, opens nothing (null). */
export async function redeemPackageDownload(db: Db, token: string, now = new Date()): Promise<DeliveredFile | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  // The conditional update lets exactly one of several concurrent openings through.
  const claimed = await db.accountDownloadGrant.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return null;
  const grant = await db.accountDownloadGrant.findUniqueOrThrow({ where: { tokenHash } });
  if (!isPackageFormat(grant.format)) return null;
  return deliverPackage(db, { shop: grant.shop, requestId: grant.requestId, format: grant.format, language: grant.language, via: "customer_account" }, now);
}
