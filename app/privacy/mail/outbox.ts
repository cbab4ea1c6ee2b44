// The durable mail outbox: a notice is a row committed with the change that caused it (often in
// the same transaction), and the mail worker delivers it later with retries. Nothing is sent
// inline, so a slow or absent SMTP server never fails a request.
import type { Db, Prisma } from "../../db.factory";
import { renderNotice, type NoticeKind, type NoticeLocale, type NoticeVars } from "./templates";

export type OutboxDb = Db | Prisma.TransactionClient;

export interface NoticeToQueue {
  shop: string;
  requestId?: string | null;
  kind: NoticeKind;
  locale: NoticeLocale;
  to: string;
  vars: NoticeVars;
  /** ShopSettings.noticeTemplates (JSON) or already parsed overrides. */
  templates?: string | null;
  notBefore?: Date;
}

const looksLikeAddress = (value: string) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value);

/** Queues one notice; returns null (and queues nothing) when there is no usable address. */
export async function queueNotice(db: OutboxDb, notice: NoticeToQueue) {
  const to = notice.to.trim();
  if (!looksLikeAddress(to)) return null;
  const rendered = renderNotice(notice.kind, notice.locale, notice.vars, notice.templates ?? null);
  return db.outboundMail.create({
    data: {
      shop: notice.shop,
      requestId: notice.requestId ?? null,
      kind: notice.kind,
      toAddress: to,
      subject: rendered.subject,
      body: rendered.text,
      ...(notice.notBefore ? { nextAttemptAt: notice.notBefore } : {}),
    },
  });
}
