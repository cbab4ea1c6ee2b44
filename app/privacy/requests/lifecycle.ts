// Staff decisions on a request. Each one checks the state machine, changes the row only if it is
// still in the status the decision was made against (two staff members acting at once cannot both
// win), appends the timeline and queues the notice to the person, in one transaction.
import type { Db } from "../../db.factory";
import { noticeLabel, type NoticeKind, type NoticeLocale, type NoticeVars } from "../mail/templates";
import { formatCalendarDate } from "../calendarDate";
import { queueNotice } from "../mail/outbox";
import { queueFlowTrigger } from "../flow/flowOutbox";
import { extendDeadline } from "./deadlines";
import { loadDeskSettings, settingsTimeZone, noticeSignatureContact, noticeSignatureName, type DeskDb, type ShopSettingsRow } from "./deskSettings";
import { getRequestForShop } from "./findRequest";
import type { PrivacyRequest } from "./createRequest";
import { assertTransition, isFinalStatus, IllegalTransitionError } from "./stateMachine";
import { appendRequestEvent } from "./timeline";
import { prepareDelivery, verifiedByLogin } from "../disclosure/delivery";
import { DISCLOSURE_JOB } from "../disclosure/disclosureJob";
import {
  GROUNDS_NEEDING_MEASURE,
  isRefusalGround,
  refusalGroundsFor,
  RequestInputError,
  REFUSAL_GROUNDS,
  type RefusalGround,
  type RequestStatus,
} from "./requestTypes";

const MAX_NOTE = 5_000;
const MIN_EXPLANATION = 10;

function requiredText(value: unknown, field: string, min = 1): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (text.length < min) throw new RequestInputError(min > 1 ? `${field} needs at least ${min} characters` : `${field} is required`, field);
  if (text.length > MAX_NOTE) throw new RequestInputError(`${field} is longer than ${MAX_NOTE} characters`, field);
  return text;
}

/** Moves the row from the status it was read in; a concurrent change makes this fail cleanly. */
async function moveStatus(tx: DeskDb, request: PrivacyRequest, to: RequestStatus, extra: Record<string, unknown> = {}) {
  const { count } = await tx.privacyRequest.updateMany({
    where: { id: request.id, shop: request.shop, status: request.status },
    data: { status: to, ...extra },
  });
  if (count !== 1) throw new IllegalTransitionError("The request changed meanwhile; reload and try again", request.status, to);
}

export function noticeVars(request: PrivacyRequest, settings: ShopSettingsRow, extra: NoticeVars = {}): NoticeVars {
  const locale = request.language === "en" ? "en" : "ja";
  return {
    reference: request.reference,
    requestType: noticeLabel(locale, "requestType", request.type),
    dueAt: formatCalendarDate(request.dueAt, locale, settingsTimeZone(settings)),
    businessName: noticeSignatureName(settings),
    contactEmail: noticeSignatureContact(settings),
    ...extra,
  };
}

export async function queueShopperNotice(tx: DeskDb, request: PrivacyRequest, kind: NoticeKind, extra: NoticeVars, settings?: ShopSettingsRow, links?: Record<string, string>) {
  const shopSettings = settings ?? (await loadDeskSettings(tx, request.shop));
  const mail = await queueNotice(tx, {
    shop: request.shop,
    requestId: request.id,
    kind,
    locale: request.language === "en" ? "en" : "ja",
    to: request.email,
    templates: shopSettings.noticeTemplates,
    vars: noticeVars(request, shopSettings, extra),
    links,
  });
  if (mail) await appendRequestEvent(tx, { shop: request.shop, requestId: request.id, actor: "system", action: "notice_queued", detail: { kinds: [kind] } });
  return mail;
}

/** Runs `work` on the shop's request inside a transaction; another shop's id is RequestNotFoundError. */
export async function withRequest<T>(db: Db, shop: string, id: string, work: (tx: DeskDb, request: PrivacyRequest) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => work(tx, await getRequestForShop(tx, shop, id)));
}

/** identity_check, in_progress and waiting_on_shopper; decisions have their own functions below. */
export async function changeRequestStatus(db: Db, shop: string, id: string, to: string, actor: string, note?: string): Promise<PrivacyRequest> {
  if (to === "completed" || to === "refused" || to === "withdrawn") {
    throw new RequestInputError(`Use the ${to} decision, which records its reasons`, "status", "decision_required");
  }
  return withRequest(db, shop, id, async (tx, request) => {
    const next = assertTransition(request, to);
    await moveStatus(tx, request, next);
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "status_changed", detail: { from: request.status, to: next, ...(note?.trim() ? { note: note.trim().slice(0, MAX_NOTE) } : {}) } });
    return getRequestForShop(tx, shop, id);
  });
}

const OUTCOME: Record<NoticeLocale, Record<string, string>> = {
  ja: {
    disclosure: "保有個人データを開示いたします。お受け取り方法: {delivery}",
    provision_records: "第三者提供記録を開示いたします。お受け取り方法: {delivery}",
    correction: "ご指摘の個人情報を訂正いたしました。",
    stop_use: "ご請求に従い、個人情報の利用停止等の措置を行いました。",
    purpose_notice: "個人情報の利用目的は、当社プライバシーポリシーに記載のとおりです。",
    inquiry: "お問い合わせに回答いたします。",
  },
  en: {
    disclosure: "We disclose the personal data we hold about you. Delivery: {delivery}",
    provision_records: "We disclose the records of provision to third parties. Delivery: {delivery}",
    correction: "We have corrected your personal information as requested.",
    stop_use: "We have stopped using your personal information as requested.",
    purpose_notice: "The purposes for which we use personal information are those in our privacy policy.",
    inquiry: "Here is our answer to your inquiry.",
  },
};
const DELIVERY: Record<NoticeLocale, Record<string, string>> = {
  ja: { electronic: "電子ファイル", paper: "書面（郵送）", other: "その他の方法" },
  en: { electronic: "electronic file", paper: "paper, by post", other: "another method" },
};

export function outcomeText(request: PrivacyRequest): string {
  const locale: NoticeLocale = request.language === "en" ? "en" : "ja";
  return (OUTCOME[locale][request.type] ?? "").replace("{delivery}", DELIVERY[locale][request.deliveryMethod] ?? request.deliveryMethod);
}

/** The request as it was closed, with its "closed" trigger queued for Shopify Flow. */
async function closed(tx: DeskDb, shop: string, id: string): Promise<PrivacyRequest> {
  const request = await getRequestForShop(tx, shop, id);
  await queueFlowTrigger(tx, "closed", request);
  return request;
}

export interface CompletionInput {
  /** What was done, in words for the person; goes into the decision notice. */
  explanation?: string;
}

const DELIVERY_TEXT: Record<NoticeLocale, { link: (expires: string, times: number, link: string, login: boolean) => string; paper: string; other: string }> = {
  ja: {
    link: (expires, times, link, login) =>
      `次のリンクから開示データをダウンロードしてください。${expires}まで、${times}回までご利用いただけます。\n${link}\n\n` +
      `ダウンロードの前に、ご請求時と同じ方法でご本人様確認をいたします（${login ? "ご請求時のお客様アカウントへのログイン" : "このメールアドレスにお送りする確認コードの入力"}）。`,
    paper: "開示データを記載した書面を、郵送でお送りいたします。",
    other: "開示データは、ご指定の方法でお渡しいたします。",
  },
  en: {
    link: (expires, times, link, login) =>
      `Please download your data from this link. It works until ${expires}, up to ${times} times.\n${link}\n\n` +
      `Before the download we confirm it is you, the same way as for your request (${login ? "by logging in to the customer account you used" : "with a code we send to this email address"}).`,
    paper: "We will send you the data on paper, by post.",
    other: "We will hand you the data by the method you asked for.",
  },
};

/** A disclosure whose package is built: how it reaches the person goes into the decision notice. */
async function deliveryOutcome(tx: DeskDb, request: PrivacyRequest, now: Date): Promise<{ text: string; link: string }> {
  if (request.type !== "disclosure") return { text: "", link: "" };
  const built = await tx.job.count({ where: { shop: request.shop, requestId: request.id, kind: DISCLOSURE_JOB, status: "done" } });
  if (built === 0) return { text: "", link: "" };
  const settings = await loadDeskSettings(tx, request.shop);
  const { delivery, link } = await prepareDelivery(tx, request, settings, now);
  const locale: NoticeLocale = request.language === "en" ? "en" : "ja";
  const words = DELIVERY_TEXT[locale];
  if (!link || !delivery.expiresAt) return { text: delivery.method === "paper" ? words.paper : words.other, link: "" };
  const expires = formatCalendarDate(delivery.expiresAt, locale, settingsTimeZone(settings));
  return { text: words.link(expires, delivery.maxDownloads, link, verifiedByLogin(request)), link };
}

export async function completeRequest(db: Db, shop: string, id: string, actor: string, input: CompletionInput = {}, now = new Date()) {
  const explanation = typeof input.explanation === "string" ? input.explanation.trim().slice(0, MAX_NOTE) : "";
  return withRequest(db, shop, id, async (tx, request) => {
    assertTransition(request, "completed");
    await moveStatus(tx, request, "completed", { closedAt: now, decisionNote: explanation || null });
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "completed", detail: { from: request.status } });
    const delivery = await deliveryOutcome(tx, request, now);
    const outcome = [outcomeText(request), delivery.text].filter(Boolean).join("\n\n");
    await queueShopperNotice(tx, request, "decision", { outcome, explanation, downloadLink: delivery.link });
    return closed(tx, shop, id);
  });
}

export interface RefusalInput {
  ground: string;
  explanation: string;
  /** For the alternative-measure ground: the measure taken instead, told to the person. */
  measure?: string;
}

/** The ground as the notice quotes it, in the person's language, with the measure taken instead where there is one. */
export function refusalGroundText(locale: NoticeLocale, ground: string, measure = ""): string {
  const text = noticeLabel(locale, "refusalGround", ground);
  if (!measure) return text;
  return `${text}\n${locale === "en" ? "The measure we have taken instead" : "代わりに講じた措置"}: ${measure}`;
}

/**
 * A refusal names one of the grounds that fit the request (APPI 33(2) for a disclosure, 34 for a
 * correction, 35 for stopping use) and explains it; both go to the person (APPI 36). A purpose
 * notice or an inquiry is never refused. No fee either way.
 */
export async function refuseRequest(db: Db, shop: string, id: string, actor: string, input: RefusalInput, now = new Date()) {
  if (!isRefusalGround(input.ground)) {
    throw new RequestInputError(`The ground must be one of: ${REFUSAL_GROUNDS.join(", ")}`, "ground");
  }
  const explanation = requiredText(input.explanation, "explanation", MIN_EXPLANATION);
  const measure = GROUNDS_NEEDING_MEASURE.includes(input.ground) ? requiredText(input.measure, "measure", MIN_EXPLANATION) : "";
  return withRequest(db, shop, id, async (tx, request) => {
    assertTransition(request, "refused");
    const fitting = refusalGroundsFor(request.type);
    if (!fitting.includes(input.ground as RefusalGround)) {
      throw new RequestInputError(`This request cannot be refused on that ground; it may be refused on: ${fitting.join(", ")}`, "ground", "ground_not_for_type");
    }
    await moveStatus(tx, request, "refused", { closedAt: now, refusalGround: input.ground, decisionNote: explanation });
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "refused", detail: { from: request.status, ground: input.ground, ...(measure ? { measure } : {}) } });
    const locale: NoticeLocale = request.language === "en" ? "en" : "ja";
    await queueShopperNotice(tx, request, "refusal", { ground: refusalGroundText(locale, input.ground, measure), explanation });
    return closed(tx, shop, id);
  });
}

export async function withdrawRequest(db: Db, shop: string, id: string, actor: string, note = "", now = new Date()) {
  return withRequest(db, shop, id, async (tx, request) => {
    assertTransition(request, "withdrawn");
    await moveStatus(tx, request, "withdrawn", { closedAt: now, decisionNote: note.trim().slice(0, MAX_NOTE) || null });
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "withdrawn", detail: { from: request.status } });
    return closed(tx, shop, id);
  });
}

export async function extendRequestDeadline(db: Db, shop: string, id: string, actor: string, input: { extraDays: number; reason: string }, now = new Date()) {
  return withRequest(db, shop, id, async (tx, request) => {
    if (isFinalStatus(request.status)) throw new RequestInputError("A closed request cannot be extended", "extraDays");
    const dueAt = extendDeadline(request, input, now, settingsTimeZone(await loadDeskSettings(tx, shop)));
    const reason = input.reason.trim();
    await tx.privacyRequest.update({ where: { id: request.id }, data: { dueAt, extendedAt: now, extensionReason: reason } });
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "deadline_extended", detail: { from: request.dueAt.toISOString(), to: dueAt.toISOString(), reason } });
    const updated = await getRequestForShop(tx, shop, id);
    await queueShopperNotice(tx, updated, "extension", { reason });
    return updated;
  });
}

export async function addInternalNote(db: Db, shop: string, id: string, actor: string, note: string) {
  const text = requiredText(note, "note");
  return withRequest(db, shop, id, async (tx, request) => {
    // Shopify's erasure left nothing of the person here; a note would bring them back, unerased.
    if (request.redacted) throw new RequestInputError("The request was erased at Shopify's request and takes no more notes", "note", "request_erased");
    return appendRequestEvent(tx, { shop, requestId: id, actor, action: "note_added", detail: { note: text } });
  });
}

export interface AgentDetails {
  isAgent: boolean;
  agentName?: string;
  agentRelationship?: string;
  agentAuthorityNote?: string;
}

/** A legal representative or an agent with a letter of authority (委任状); what was checked is noted. */
export async function updateAgentDetails(db: Db, shop: string, id: string, actor: string, input: AgentDetails) {
  const clip = (value: unknown, field: string) => {
    const text = typeof value === "string" ? value.trim() : "";
    if (text.length > 500) throw new RequestInputError(`${field} is longer than 500 characters`, field);
    return text;
  };
  const data = {
    isAgent: input.isAgent === true,
    agentName: input.isAgent ? clip(input.agentName, "agentName") : "",
    agentRelationship: input.isAgent ? clip(input.agentRelationship, "agentRelationship") : "",
    agentAuthorityNote: input.isAgent ? clip(input.agentAuthorityNote, "agentAuthorityNote") : "",
  };
  if (data.isAgent && !data.agentName) throw new RequestInputError("a request made by an agent needs the agent's name", "agentName");
  return withRequest(db, shop, id, async (tx, request) => {
    if (isFinalStatus(request.status)) throw new RequestInputError("A closed request cannot change", "isAgent");
    await tx.privacyRequest.update({ where: { id }, data });
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "agent_updated", detail: { isAgent: data.isAgent, relationship: data.agentRelationship, authorityNoted: Boolean(data.agentAuthorityNote) } });
    return getRequestForShop(tx, shop, id);
  });
}
