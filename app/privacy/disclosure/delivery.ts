// How a completed disclosure reaches the person, by the method they chose (APPI 33(1)).
// Electronic: the decision notice carries a link to a download page on the storefront (App Proxy).
// The link alone opens nothing: the page asks for the identity the request was verified with, a
// login as the request's customer or a one-time code mailed to the request's address. The link
// expires (Settings, 14 days by default) and opens a limited number of times. Paper or another
// method: staff print the package and record when and how they sent it.
// One delivery per request, one download counter: the customer-account page's one-time links
// (downloadGrant.ts) count against the same delivery, and every download is on the timeline.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db.factory";
import { keyedHash } from "../keyedHash";
import { queueShopperNotice } from "../requests/lifecycle";
import { loadDeskSettings, type DeskDb, type ShopSettingsRow } from "../requests/deskSettings";
import type { PrivacyRequest } from "../requests/createRequest";
import { appendRequestEvent } from "../requests/timeline";
import { RequestInputError } from "../requests/requestTypes";
import { packageCsv, packageHtml, packageJson, type DisclosurePackage } from "./disclosurePackage";
import { latestDisclosurePackage } from "./disclosureJob";
import { letterContext, type LetterContext } from "./disclosureLetter";
import { DOWNLOAD_DAYS, DOWNLOAD_LIMIT } from "./deliveryLimits";

export const DELIVERY_METHODS = ["electronic", "paper", "other"] as const;
export const SENT_VIA = ["post", "hand", "email", "other"] as const;
export type SentVia = (typeof SENT_VIA)[number];
export const PACKAGE_FORMATS = ["html", "json", "csv"] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];
export const isPackageFormat = (value: unknown): value is PackageFormat => (PACKAGE_FORMATS as readonly unknown[]).includes(value);

/** A mailed code works this long, for this many wrong tries; a new one may be asked for after a minute. */
export const CODE_MINUTES = 15;
export const CODE_ATTEMPTS = 5;
const CODE_RESEND_MS = 60_000;

export type DeliveryRow = Awaited<ReturnType<Db["packageDelivery"]["create"]>>;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
// A six-digit code is few enough to guess offline from a plain hash: it is keyed with the app's
// own key and bound to the delivery, and wrong tries are counted.
const hashCode = (deliveryId: string, code: string) => keyedHash("delivery", `${deliveryId}:${code}`);

/** Where the person opens the link: the App Proxy path /apps/privacy/download on the shop's domain. */
export const downloadUrl = (shop: string, token: string) => `https://${shop}/apps/privacy/download?token=${token}`;

/** Only a request verified by logging in to the customer account needs that login; others get a mailed code. */
export const verifiedByLogin = (request: Pick<PrivacyRequest, "identityMethod" | "shopifyCustomerId">) =>
  request.identityMethod === "shopify_customer_login" && Boolean(request.shopifyCustomerId);

export interface PreparedDelivery {
  delivery: DeliveryRow;
  /** The link for the notice (electronic only); its token is not stored and cannot be shown again. */
  link: string | null;
}

/**
 * Called when a disclosure is completed with its package built: records how it will reach the
 * person and, for an electronic delivery, makes the link. A second completion (never, by the state
 * machine) would replace the link.
 */
export async function prepareDelivery(tx: DeskDb, request: PrivacyRequest, settings: ShopSettingsRow, now = new Date()): Promise<PreparedDelivery> {
  const method = (DELIVERY_METHODS as readonly string[]).includes(request.deliveryMethod) ? request.deliveryMethod : "electronic";
  const electronic = method === "electronic";
  const token = electronic ? randomBytes(32).toString("base64url") : null;
  const expiresAt = electronic ? new Date(now.getTime() + clampDays(settings.downloadDays) * 86_400_000) : null;
  const data = {
    method,
    tokenHash: token ? hashToken(token) : null,
    expiresAt,
    maxDownloads: electronic ? clampLimit(settings.downloadLimit) : 0,
    createdAt: now,
  };
  const delivery = await tx.packageDelivery.upsert({
    where: { requestId: request.id },
    create: { shop: request.shop, requestId: request.id, ...data },
    update: data,
  });
  await appendRequestEvent(tx, {
    shop: request.shop,
    requestId: request.id,
    actor: "system",
    action: "delivery_prepared",
    at: now,
    detail: { method, ...(expiresAt ? { expiresAt: expiresAt.toISOString(), maxDownloads: data.maxDownloads } : {}) },
  });
  return { delivery, link: token ? downloadUrl(request.shop, token) : null };
}

const clampDays = (days: number) => Math.min(DOWNLOAD_DAYS.max, Math.max(DOWNLOAD_DAYS.min, Math.round(days) || 14));
const clampLimit = (limit: number) => Math.min(DOWNLOAD_LIMIT.max, Math.max(DOWNLOAD_LIMIT.min, Math.round(limit) || 5));

export type LinkState = "open" | "expired" | "used_up";

export function linkState(delivery: Pick<DeliveryRow, "expiresAt" | "downloads" | "maxDownloads">, now = new Date()): LinkState {
  if (!delivery.expiresAt || delivery.expiresAt.getTime() <= now.getTime()) return "expired";
  return delivery.downloads >= delivery.maxDownloads ? "used_up" : "open";
}

export interface OpenedLink {
  delivery: DeliveryRow;
  request: PrivacyRequest;
  state: LinkState;
}

/** The delivery a link's token names in this shop, or null (unknown, another shop's, or erased). */
export async function openDeliveryLink(db: DeskDb, shop: string, token: string, now = new Date()): Promise<OpenedLink | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const delivery = await db.packageDelivery.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!delivery || delivery.shop !== shop || delivery.method !== "electronic") return null;
  const request = await db.privacyRequest.findFirst({ where: { id: delivery.requestId, shop, redacted: false } });
  if (!request || request.status !== "completed") return null;
  return { delivery, request, state: linkState(delivery, now) };
}

/** The address a code goes to, shown masked so the person recognises it: t***@example.com. */
export function maskedEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

export type CodeOutcome = { ok: true; mailed: boolean } | { ok: false; reason: "too_soon" | "no_email" };

/** Mails a new one-time code to the request's address; the previous code stops working. */
export async function sendDeliveryCode(db: Db, opened: OpenedLink, now = new Date()): Promise<CodeOutcome> {
  const { delivery, request } = opened;
  if (!request.email) return { ok: false, reason: "no_email" };
  const issuedAt = delivery.codeExpiresAt ? delivery.codeExpiresAt.getTime() - CODE_MINUTES * 60_000 : 0;
  if (now.getTime() - issuedAt < CODE_RESEND_MS) return { ok: false, reason: "too_soon" };
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  return db.$transaction(async (tx) => {
    // Guarded on the previous code, so two clicks at once mail one code.
    const { count } = await tx.packageDelivery.updateMany({
      where: { id: delivery.id, codeExpiresAt: delivery.codeExpiresAt },
      data: { codeHash: hashCode(delivery.id, code), codeExpiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000), codeAttempts: 0 },
    });
    if (count !== 1) return { ok: false, reason: "too_soon" } as const;
    const settings = await loadDeskSettings(tx, request.shop);
    const mail = await queueShopperNotice(tx, request, "download_code", { code, minutes: CODE_MINUTES }, settings);
    await appendRequestEvent(tx, { shop: request.shop, requestId: request.id, actor: "shopper", action: "delivery_code_sent", at: now });
    return { ok: true, mailed: Boolean(mail) } as const;
  });
}

export type CodeCheck = "ok" | "wrong" | "expired" | "locked";

/** Checks a typed code; a wrong one counts, and after CODE_ATTEMPTS the code is spent. */
export async function checkDeliveryCode(db: DeskDb, deliveryId: string, typed: string, now = new Date()): Promise<CodeCheck> {
  const delivery = await db.packageDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery?.codeHash || !delivery.codeExpiresAt || delivery.codeExpiresAt.getTime() <= now.getTime()) return "expired";
  if (delivery.codeAttempts >= CODE_ATTEMPTS) return "locked";
  const code = typed.normalize("NFKC").replace(/\s/g, "");
  const expected = Buffer.from(delivery.codeHash);
  const given = Buffer.from(/^\d{6}$/.test(code) ? hashCode(delivery.id, code) : "");
  if (given.length === expected.length && timingSafeEqual(given, expected)) return "ok";
  // Counted with a guard on the count read, so parallel guesses cannot share one attempt.
  await db.packageDelivery.updateMany({ where: { id: delivery.id, codeAttempts: delivery.codeAttempts }, data: { codeAttempts: { increment: 1 } } });
  return delivery.codeAttempts + 1 >= CODE_ATTEMPTS ? "locked" : "wrong";
}

export interface DeliveredFile {
  body: string;
  contentType: string;
  fileName: string;
  inline: boolean;
}

/** The file as an HTTP answer: never cached, no referrer, and a printable page that runs nothing. */
export function deliveredFileResponse(file: DeliveredFile): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `${file.inline ? "inline" : "attachment"}; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
  });
}

const RENDER: Record<PackageFormat, { type: string; render: (pkg: DisclosurePackage, letter?: LetterContext) => string }> = {
  html: { type: "text/html; charset=utf-8", render: packageHtml },
  json: { type: "application/json; charset=utf-8", render: packageJson },
  csv: { type: "text/csv; charset=utf-8", render: packageCsv },
};

/** How a download reached the person: the notice's link, or the customer-account page. */
export type DownloadVia = "link_login" | "link_code" | "customer_account";

/**
 * One download of the request's package, counted against its delivery: null when the delivery is
 * expired or used up (or there is no package). An account-page download of a request completed
 * before deliveries existed makes its delivery then.
 */
export async function deliverPackage(
  db: Db,
  input: { shop: string; requestId: string; format: PackageFormat; language?: string; via: DownloadVia },
  now = new Date(),
): Promise<DeliveredFile | null> {
  const request = await db.privacyRequest.findFirst({ where: { id: input.requestId, shop: input.shop, redacted: false } });
  const pkg = request && (await latestDisclosurePackage(db, input.shop, request.id));
  if (!request || !pkg) return null;
  const counted = await db.$transaction(async (tx) => {
    let delivery = await tx.packageDelivery.findUnique({ where: { requestId: request.id } });
    if (!delivery) delivery = (await prepareDelivery(tx, request, await loadDeskSettings(tx, request.shop), now)).delivery;
    if (linkState(delivery, now) !== "open") return false;
    // The conditional update lets exactly as many downloads through as the limit allows.
    const { count } = await tx.packageDelivery.updateMany({
      where: { id: delivery.id, downloads: delivery.downloads, expiresAt: { gt: now } },
      data: { downloads: { increment: 1 }, lastDownloadedAt: now, ...(delivery.firstDownloadedAt ? {} : { firstDownloadedAt: now }) },
    });
    if (count !== 1) return false;
    await appendRequestEvent(tx, {
      shop: request.shop,
      requestId: request.id,
      actor: "shopper",
      action: "disclosure_downloaded",
      at: now,
      detail: { format: input.format, via: input.via, count: delivery.downloads + 1, of: delivery.maxDownloads },
    });
    return true;
  });
  if (!counted) return null;
  const language = input.language === "en" || input.language === "ja" ? input.language : pkg.language;
  const rendered = RENDER[input.format];
  return {
    body: rendered.render({ ...pkg, language }, await letterContext(db, input.shop, request.id)),
    contentType: rendered.type,
    fileName: `${request.reference}-disclosure.${input.format}`,
    inline: input.format === "html",
  };
}

/** Staff record that a paper (or other) delivery went out: when, how, and a note. */
export async function recordDeliverySent(
  db: Db,
  shop: string,
  requestId: string,
  actor: string,
  input: { sentAt: unknown; via: unknown; note?: unknown },
  now = new Date(),
): Promise<DeliveryRow> {
  if (!(SENT_VIA as readonly unknown[]).includes(input.via)) throw new RequestInputError(`via must be one of: ${SENT_VIA.join(", ")}`, "via");
  const sentAt = typeof input.sentAt === "string" && /^\d{4}-\d{2}-\d{2}/.test(input.sentAt) ? new Date(input.sentAt) : null;
  if (!sentAt || Number.isNaN(sentAt.getTime()) || sentAt.getTime() > now.getTime() + 86_400_000) throw new RequestInputError("sentAt must be a date, not in the future", "sentAt");
  const note = typeof input.note === "string" ? input.note.trim() : "";
  if (note.length > 1000) throw new RequestInputError("note is longer than 1000 characters", "note");
  return db.$transaction(async (tx) => {
    const delivery = await tx.packageDelivery.findFirst({ where: { shop, requestId } });
    if (!delivery || delivery.method === "electronic") throw new RequestInputError("this request has no paper or other delivery to record", "via", "no_delivery");
    const updated = await tx.packageDelivery.update({ where: { id: delivery.id }, data: { sentAt, sentVia: input.via as SentVia, sentNote: note, sentBy: actor } });
    await appendRequestEvent(tx, { shop, requestId, actor, action: "delivery_sent", at: now, detail: { via: input.via, sentAt: sentAt.toISOString() } });
    return updated;
  });
}

/** What the request page shows about the delivery (no token, no code). */
export async function deliveryForRequest(db: DeskDb, shop: string, requestId: string) {
  return db.packageDelivery.findFirst({
    where: { shop, requestId },
    select: { method: true, expiresAt: true, maxDownloads: true, downloads: true, firstDownloadedAt: true, lastDownloadedAt: true, sentAt: true, sentVia: true, sentNote: true, createdAt: true },
  });
}
