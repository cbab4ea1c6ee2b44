// The notices of one request with their text, for the request page's preview: when the shop has no
// SMTP, staff copy the text and send it themselves, so the text must be visible before the outbox
// has even tried.
// A link that carries a secret (identity confirmation, status) is never shown: staff see a note
// in its place (mail/sealedLinks.ts).
import type { Db } from "../../db.factory";
import { withoutLinks } from "../mail/linkPlaceholder";

export async function noticesForRequest(db: Db, shop: string, requestId: string, linkNote: (kind: string) => string) {
  const rows = await db.outboundMail.findMany({
    where: { shop, requestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, toAddress: true, subject: true, body: true, status: true, createdAt: true, sentAt: true },
  });
  return rows.map((row) => ({ ...row, body: withoutLinks(row.body, linkNote(row.kind)) }));
}

/** Whether staff should be offered the text to send by hand. */
export const needsCopying = (status: string, smtpConfigured: boolean) =>
  status === "unconfigured" || status === "failed" || (!smtpConfigured && status !== "sent");
