// The notices of one request with their text, for the request page's preview: when the shop has no
// SMTP, staff copy the text and send it themselves, so the text must be visible before the outbox
// has even tried.
import type { Db } from "../../db.factory";

export async function noticesForRequest(db: Db, shop: string, requestId: string) {
  return db.outboundMail.findMany({
    where: { shop, requestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, toAddress: true, subject: true, body: true, status: true, createdAt: true, sentAt: true },
  });
}

/** Whether staff should be offered the text to send by hand. */
export const needsCopying = (status: string, smtpConfigured: boolean) =>
  status === "unconfigured" || status === "failed" || (!smtpConfigured && status !== "sent");
