// One-time confirmation links: the shopper proves they control the email address the request
// gave. The token is random, only its SHA-256 is stored, it expires, and it works once.
import { startWorkWhenReady } from "../requests/workflow";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db.factory";
import { formatCalendarDate } from "../calendarDate";
import { appendRequestEvent } from "../requests/timeline";
import { queueShopperNotice, withRequest } from "../requests/lifecycle";
import { getRequestForShop } from "../requests/findRequest";
import { loadDeskSettings, settingsTimeZone } from "../requests/deskSettings";
import { isFinalStatus } from "../requests/stateMachine";
import { RequestInputError } from "../requests/requestTypes";

export const IDENTITY_LINK_HOURS = 72;

export const hashIdentityToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Where the storefront confirms a link: the App Proxy path /apps/privacy/verify. */
export const defaultVerifyUrl = (shop: string) => `https://${shop}/apps/privacy/verify`;

export interface IdentityLinkOptions {
  now?: Date;
  /** Base URL of the confirmation page; the token is added as ?token=. */
  verifyUrl?: string;
}

/** Creates a token, mails the link to the request's address and marks identity pending_link. */
export async function sendIdentityLink(db: Db, shop: string, requestId: string, actor: string, options: IdentityLinkOptions = {}) {
  const now = options.now ?? new Date();
  return withRequest(db, shop, requestId, async (tx, request) => {
    if (isFinalStatus(request.status)) throw new RequestInputError("A closed request cannot change", "email");
    if (!request.email) throw new RequestInputError("The request has no email address to send a link to", "email");
    if (request.identityStatus === "verified") throw new RequestInputError("Identity is already verified", "email");
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + IDENTITY_LINK_HOURS * 60 * 60 * 1000);
    // A new link replaces earlier ones: only the latest mail works.
    await tx.identityToken.updateMany({ where: { shop, requestId, usedAt: null }, data: { expiresAt: now } });
    await tx.identityToken.create({ data: { shop, requestId, tokenHash: hashIdentityToken(token), expiresAt } });
    await tx.privacyRequest.update({ where: { id: request.id }, data: { identityStatus: "pending_link" } });
    const url = new URL(options.verifyUrl ?? defaultVerifyUrl(shop));
    url.searchParams.set("token", token);
    const locale = request.language === "en" ? "en" : "ja";
    const settings = await loadDeskSettings(tx, shop);
    const mail = await queueShopperNotice(tx, request, "identity_link", { expiresAt: formatCalendarDate(expiresAt, locale, settingsTimeZone(settings)) }, settings, { link: url.toString() });
    if (!mail) throw new RequestInputError("The request's email address cannot receive mail", "email");
    await appendRequestEvent(tx, { shop, requestId, actor, action: "identity_link_sent", at: now, detail: { expiresAt: expiresAt.toISOString() } });
    return { request: await getRequestForShop(tx, shop, requestId), expiresAt };
  });
}

export type IdentityLinkOutcome = { ok: true; reference: string; language: string } | { ok: false; reason: "invalid" | "expired" | "used" | "closed" };

/** The shopper opened the link. Works once; any failure changes nothing. */
export async function confirmIdentityByToken(db: Db, shop: string, token: string, now = new Date()): Promise<IdentityLinkOutcome> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return { ok: false, reason: "invalid" };
  const tokenHash = hashIdentityToken(token);
  return db.$transaction(async (tx) => {
    const row = await tx.identityToken.findUnique({ where: { tokenHash } });
    if (!row || row.shop !== shop) return { ok: false, reason: "invalid" } as const;
    if (row.usedAt) return { ok: false, reason: "used" } as const;
    if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" } as const;
    const request = await tx.privacyRequest.findFirst({ where: { id: row.requestId, shop } });
    if (!request) return { ok: false, reason: "invalid" } as const;
    if (isFinalStatus(request.status)) return { ok: false, reason: "closed" } as const;
    // The guard on usedAt makes a double click (or two tabs) count once.
    const claimed = await tx.identityToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { ok: false, reason: "used" } as const;
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: { identityStatus: "verified", identityMethod: "email_link", identityVerifiedAt: now, identityVerifiedBy: "shopper" },
    });
    await appendRequestEvent(tx, { shop, requestId: request.id, actor: "shopper", action: "identity_verified", at: now, detail: { method: "email_link" } });
    await startWorkWhenReady(tx, { ...request, identityStatus: "verified" }, "system", now);
    return { ok: true, reference: request.reference, language: request.language } as const;
  });
}
