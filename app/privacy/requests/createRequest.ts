// Creating a privacy request: validate, number it, date it, record it on the timeline and queue
// the acknowledgement and the staff notice, all in one transaction. Callers that already hold a
// transaction (the webhook worker, the storefront proxy) pass it in so their own rows commit with
// the request or not at all.
import { createHash, randomBytes } from "node:crypto";
import type { Db, Prisma } from "../../db.factory";
import { normaliseEmail } from "../keyedHash";
import { normaliseCustomerId } from "../consent/subject";
import { requestSubjectHashes } from "../dataSubject";
import { noticeLabel } from "../mail/templates";
import { formatCalendarDate } from "../calendarDate";
import { noticeRow } from "../mail/outbox";
import { queueFlowTriggers } from "../flow/flowOutbox";
import { requestDeadline } from "./deadlines";
import { DEFAULT_SHOP_TIME_ZONE, localDate } from "../shopTime";
import { formatReference } from "./reference";
import { loadDeskSettings, settingsTimeZone, noticeSignatureContact, noticeSignatureName, type DeskDb, type ShopSettingsRow } from "./deskSettings";
import { staffNewRequestNotice } from "./staffNotices";
import { timelineRow } from "./timeline";
import {
  isCorrectableField,
  isDeliveryMethod,
  isRequestLanguage,
  isRequestSource,
  isRequestType,
  RequestInputError,
  type DeliveryMethod,
  type RequestLanguage,
  type RequestSource,
  type RequestType,
} from "./requestTypes";

export type PrivacyRequest = Awaited<ReturnType<Db["privacyRequest"]["create"]>>;

export interface NewPrivacyRequest {
  shop: string;
  type: RequestType | string;
  source: RequestSource | string;
  language?: RequestLanguage;
  inEu?: boolean;
  customerName?: string;
  email?: string;
  phone?: string;
  orderName?: string;
  message?: string;
  /** Correction asked for: { customerUpdate field: requested value }. */
  requestedChanges?: Record<string, string>;
  deliveryMethod?: DeliveryMethod;
  isAgent?: boolean;
  agentName?: string;
  agentRelationship?: string;
  agentAuthorityNote?: string;
  shopifyCustomerId?: string;
  ordersRequested?: string[];
  shopifyDataRequestId?: string;
  identity?: { method: string; verifiedAt: Date; verifiedBy?: string };
  receivedAt?: Date;
}

const LIMITS = { customerName: 200, email: 254, phone: 40, orderName: 40, message: 10_000, agent: 500, changeValue: 1_000 };
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const PHONE = /^\+?[0-9()\-.\s]{5,40}$/;

function text(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new RequestInputError(`${field} must be text`, field);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new RequestInputError(`${field} is longer than ${max} characters`, field);
  return trimmed;
}

/** The row's data, or a RequestInputError naming the first bad field. Exported for form pre-checks. */
export function validateNewRequest(input: NewPrivacyRequest) {
  if (!input || typeof input.shop !== "string" || !input.shop.trim()) throw new RequestInputError("shop is required", "shop");
  if (!isRequestType(input.type)) throw new RequestInputError(`unknown request type: ${String(input.type)}`, "type");
  if (!isRequestSource(input.source)) throw new RequestInputError(`unknown request source: ${String(input.source)}`, "source");
  const language = input.language ?? "ja";
  if (!isRequestLanguage(language)) throw new RequestInputError("language must be ja or en", "language");
  const deliveryMethod = input.deliveryMethod ?? "electronic";
  if (!isDeliveryMethod(deliveryMethod)) throw new RequestInputError("deliveryMethod must be electronic, paper or other", "deliveryMethod");

  const customerName = text(input.customerName, "customerName", LIMITS.customerName);
  const rawEmail = text(input.email, "email", LIMITS.email);
  if (rawEmail && !EMAIL.test(rawEmail)) throw new RequestInputError("email is not an email address", "email");
  const email = rawEmail ? normaliseEmail(rawEmail) : "";
  const phone = text(input.phone, "phone", LIMITS.phone);
  if (phone && !PHONE.test(phone)) throw new RequestInputError("phone is not a phone number", "phone");
  const orderName = text(input.orderName, "orderName", LIMITS.orderName);
  const message = text(input.message, "message", LIMITS.message);

  let shopifyCustomerId: string | null = null;
  if (input.shopifyCustomerId !== undefined && input.shopifyCustomerId !== null && input.shopifyCustomerId !== "") {
    shopifyCustomerId = normaliseCustomerId(input.shopifyCustomerId);
    if (!shopifyCustomerId) throw new RequestInputError("shopifyCustomerId must be a Shopify customer id", "shopifyCustomerId");
  }
  if (!customerName && !email && !phone && !shopifyCustomerId) {
    throw new RequestInputError("a request needs at least a name, an email, a phone number or a customer", "email", "contact_required");
  }

  const requestedChanges: Record<string, string> = {};
  if (input.requestedChanges !== undefined && input.requestedChanges !== null) {
    if (typeof input.requestedChanges !== "object" || Array.isArray(input.requestedChanges)) {
      throw new RequestInputError("requestedChanges must be an object of field: value", "requestedChanges");
    }
    for (const [field, value] of Object.entries(input.requestedChanges)) {
      if (!isCorrectableField(field)) throw new RequestInputError(`${field} cannot be corrected through a request`, "requestedChanges");
      requestedChanges[field] = text(value, `requestedChanges.${field}`, LIMITS.changeValue);
    }
  }

  const isAgent = input.isAgent === true;
  const agentName = text(input.agentName, "agentName", LIMITS.agent);
  const agentRelationship = text(input.agentRelationship, "agentRelationship", LIMITS.agent);
  const agentAuthorityNote = text(input.agentAuthorityNote, "agentAuthorityNote", LIMITS.agent);
  if (isAgent && !agentName) throw new RequestInputError("a request made by an agent needs the agent's name", "agentName");

  const ordersRequested = input.ordersRequested ?? [];
  if (!Array.isArray(ordersRequested) || ordersRequested.some((name) => typeof name !== "string" || name.length > 64)) {
    throw new RequestInputError("ordersRequested must be a list of order names", "ordersRequested");
  }

  const receivedAt = input.receivedAt ?? new Date();
  if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime())) throw new RequestInputError("receivedAt is not a date", "receivedAt");

  const identity = input.identity;
  if (identity) {
    if (!identity.method || typeof identity.method !== "string") throw new RequestInputError("identity.method is required", "identity");
    if (!(identity.verifiedAt instanceof Date) || Number.isNaN(identity.verifiedAt.getTime())) {
      throw new RequestInputError("identity.verifiedAt is not a date", "identity");
    }
  }

  return {
    shop: input.shop.trim(),
    type: input.type,
    source: input.source,
    language,
    inEu: input.inEu === true,
    customerName,
    email,
    phone,
    orderName,
    message,
    requestedChanges: JSON.stringify(requestedChanges),
    deliveryMethod,
    isAgent,
    agentName: isAgent ? agentName : "",
    agentRelationship: isAgent ? agentRelationship : "",
    agentAuthorityNote: isAgent ? agentAuthorityNote : "",
    shopifyCustomerId,
    ordersRequested: JSON.stringify(ordersRequested.map((name) => name.trim()).filter(Boolean)),
    shopifyDataRequestId: input.shopifyDataRequestId ? String(input.shopifyDataRequestId) : null,
    identityStatus: identity ? "verified" : "unverified",
    identityMethod: identity?.method ?? null,
    identityVerifiedAt: identity?.verifiedAt ?? null,
    identityVerifiedBy: identity ? (identity.verifiedBy ?? null) : null,
    receivedAt,
  };
}

/** The year references are numbered in: the year on the shop's calendar. */
export function referenceYear(receivedAt: Date, timeZone: string = DEFAULT_SHOP_TIME_ZONE): number {
  return localDate(receivedAt, timeZone).year;
}

export { formatReference };

/**
 * Reserves the next `count` numbers of the shop's yearly sequence and returns the last; the
 * upsert's row lock serialises concurrent requests.
 */
async function reserveReferences(tx: DeskDb, shop: string, year: number, count: number): Promise<number> {
  const counter = await tx.referenceCounter.upsert({
    where: { shop_year: { shop, year } },
    create: { shop, year, last: count },
    update: { last: { increment: count } },
  });
  return counter.last;
}

const isFullClient = (db: Db | Prisma.TransactionClient): db is Db => typeof (db as Db).$transaction === "function";

export async function createPrivacyRequest(
  db: Db | Prisma.TransactionClient,
  input: NewPrivacyRequest,
  actor: string,
): Promise<PrivacyRequest> {
  return (await createRequestWithStatusLink(db, input, actor)).request;
}

/**
 * The status link's token: random, 256 bits, only its SHA-256 stored. References are sequential
 * (people quote them), so the link, not the reference, is what lets the person follow the request.
 */
export const hashStatusToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The shopper's status page for a token: the App Proxy path /apps/privacy/requests/status. */
export const statusLinkPath = (token: string) => `/apps/privacy/requests/status?token=${token}`;

/**
 * Creates the request and hands back its status token, to show once on the acknowledgement page;
 * the acknowledgement mail carries it sealed (mail/sealedLinks.ts). A request without an email
 * address has no token (null): it has no one to mail it to.
 */
export async function createRequestWithStatusLink(
  db: Db | Prisma.TransactionClient,
  input: NewPrivacyRequest,
  actor: string,
): Promise<{ request: PrivacyRequest; statusToken: string | null }> {
  if (!actor?.trim()) throw new RequestInputError("actor is required", "actor");
  const data = validateNewRequest(input);
  const insert = async (tx: DeskDb) => (await insertRequests(tx, [data], actor))[0];
  if (isFullClient(db)) return db.$transaction(insert);
  return insert(db);
}

/**
 * Creates several requests of one shop in the caller's transaction, numbered in the order given:
 * the rows createPrivacyRequest would write for each in turn (request, timeline, notices, Flow
 * trigger), in one statement per table. Every input is validated before anything is written.
 */
export async function createPrivacyRequests(tx: Prisma.TransactionClient, inputs: NewPrivacyRequest[], actor: string): Promise<PrivacyRequest[]> {
  if (!actor?.trim()) throw new RequestInputError("actor is required", "actor");
  const data = inputs.map(validateNewRequest);
  if (data.length === 0) return [];
  return (await insertRequests(tx, data, actor)).map(({ request }) => request);
}

/** One reference per year given, in that order: each year's numbers are reserved in one statement. */
async function assignReferences(tx: DeskDb, shop: string, years: number[]): Promise<string[]> {
  const perYear = new Map<number, number>();
  for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
  const nextNumber = new Map<number, number>();
  for (const [year, count] of perYear) nextNumber.set(year, (await reserveReferences(tx, shop, year, count)) - count + 1);
  return years.map((year) => {
    const number = nextNumber.get(year)!;
    nextNumber.set(year, number + 1);
    return formatReference(year, number);
  });
}

interface PreparedRequest {
  data: ReturnType<typeof validateNewRequest>;
  reference: string;
  dueAt: Date;
  statusToken: string | null;
}

/** The timeline entries and notices a new request opens with (written by the caller, all requests at once). */
function openingRows(settings: ShopSettingsRow, timeZone: string, actor: string, { data: one, reference, dueAt, statusToken }: PreparedRequest, request: PrivacyRequest) {
  const shop = request.shop;
  const timeline: Array<ReturnType<typeof timelineRow>> = [
    timelineRow({
      shop,
      requestId: request.id,
      actor,
      action: "received",
      at: one.receivedAt,
      detail: { type: one.type, source: one.source, dueAt: dueAt.toISOString(), inEu: one.inEu, isAgent: one.isAgent },
    }),
  ];
  if (one.identityMethod) {
    timeline.push(timelineRow({ shop, requestId: request.id, actor: one.identityVerifiedBy ?? actor, action: "identity_verified", detail: { method: one.identityMethod } }));
  }
  const locale = one.language;
  const shopper = noticeRow({
    shop,
    requestId: request.id,
    kind: "acknowledgement",
    locale,
    to: one.email,
    templates: settings.noticeTemplates,
    vars: {
      reference,
      requestType: noticeLabel(locale, "requestType", one.type),
      receivedAt: formatCalendarDate(one.receivedAt, locale, timeZone),
      dueAt: formatCalendarDate(dueAt, locale, timeZone),
      businessName: noticeSignatureName(settings),
      contactEmail: noticeSignatureContact(settings),
    },
    ...(statusToken ? { links: { statusLink: `https://${shop}${statusLinkPath(statusToken)}` } } : {}),
  });
  const staff = noticeRow(staffNewRequestNotice(settings, request));
  const mails = [shopper, staff].filter((mail): mail is NonNullable<typeof mail> => Boolean(mail));
  const queued = [shopper && "acknowledgement", staff && "staff_new_request"].filter(Boolean);
  if (queued.length) timeline.push(timelineRow({ shop, requestId: request.id, actor: "system", action: "notice_queued", detail: { kinds: queued } }));
  return { timeline, mails };
}

async function insertRequests(
  tx: DeskDb,
  data: Array<ReturnType<typeof validateNewRequest>>,
  actor: string,
): Promise<Array<{ request: PrivacyRequest; statusToken: string | null }>> {
  const shop = data[0].shop;
  if (data.some((one) => one.shop !== shop)) throw new Error("requests are created together only for one shop");
  const settings = await loadDeskSettings(tx, shop);
  const timeZone = settingsTimeZone(settings);
  const references = await assignReferences(tx, shop, data.map((one) => referenceYear(one.receivedAt, timeZone)));
  const prepared: PreparedRequest[] = data.map((one, index) => ({
    data: one,
    reference: references[index],
    dueAt: requestDeadline(one.receivedAt, one.inEu, settings),
    statusToken: one.email ? randomBytes(32).toString("base64url") : null,
  }));
  const created = await tx.privacyRequest.createManyAndReturn({
    data: prepared.map(({ data: one, reference, dueAt, statusToken }) => ({
      ...one,
      reference,
      dueAt,
      ...requestSubjectHashes(shop, one, settings.shopCountry),
      statusTokenHash: statusToken ? hashStatusToken(statusToken) : null,
    })),
  });
  // The reference is unique in the shop: it says which row is which, whatever order they come back in.
  const byReference = new Map(created.map((request) => [request.reference, request]));
  const requests = prepared.map(({ reference }) => byReference.get(reference)!);

  const rows = prepared.map((one, index) => openingRows(settings, timeZone, actor, one, requests[index]));
  const mails = rows.flatMap((row) => row.mails);
  if (mails.length) await tx.outboundMail.createMany({ data: mails });
  await queueFlowTriggers(tx, "received", requests, settings);
  await tx.requestEvent.createMany({ data: rows.flatMap((row) => row.timeline) });
  return requests.map((request, index) => ({ request, statusToken: prepared[index].statusToken }));
}
