// The durable mail outbox: a notice is a row committed with the change that caused it (often in
// the same transaction), and the mail worker delivers it later with retries. Nothing is sent
// inline, so a slow or absent SMTP server never fails a request.
import type { Db, Prisma } from "../../db.factory";
import { renderNotice, type NoticeKind, type NoticeLocale, type NoticeVars } from "./templates";
import { linkPlaceholder, sealLinks } from "./sealedLinks";

export type OutboxDb = Db | Prisma.TransactionClient;

export interface NoticeToQueue {
  shop: string;
  requestId?: string | null;
  kind: NoticeKind;
  locale: NoticeLocale;
  to: string;
  vars: NoticeVars;
  /**
   * Links that carry a secret (the identity link's token, the status link's): queued only sealed,
   * written into the text when the mail is sent, never readable in the outbox or on the desk.
   */
  links?: Record<string, string>;
  /** ShopSettings.noticeTemplates (JSON) or already parsed overrides. */
  templates?: string | null;
  notBefore?: Date;
}

const looksLikeAddress = (value: string) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value);

/** The outbox row for one notice, not yet written; null when there is no usable address. */
export function noticeRow(notice: NoticeToQueue) {
  const to = notice.to.trim();
  if (!looksLikeAddress(to)) return null;
  const links = notice.links ?? {};
  const placeholders = Object.fromEntries(Object.keys(links).map((name) => [name, linkPlaceholder(name)]));
  const rendered = renderNotice(notice.kind, notice.locale, { ...notice.vars, ...placeholders }, notice.templates ?? null);
  return {
    shop: notice.shop,
    requestId: notice.requestId ?? null,
    kind: notice.kind,
    toAddress: to,
    subject: rendered.subject,
    body: rendered.text,
    sealedLinks: Object.keys(links).length ? sealLinks(links) : null,
    ...(notice.notBefore ? { nextAttemptAt: notice.notBefore } : {}),
  };
}

/** Queues one notice; returns null (and queues nothing) when there is no usable address. */
export async function queueNotice(db: OutboxDb, notice: NoticeToQueue) {
  const row = noticeRow(notice);
  return row ? db.outboundMail.create({ data: row }) : null;
}
