// The notices of one request with their text, for the request page's preview: when the shop has no
// SMTP, staff copy the text and send it themselves, so the text must be visible before the outbox
// has even tried.
// A link that carries a secret (identity confirmation, status) is never shown: staff see a note
// in its place (mail/sealedLinks.ts), and a signature still waiting for the shop's name or contact has them.
import type { Db } from "../../db.factory";
import { withoutLinks } from "../mail/linkPlaceholder";
import { withShopSignature } from "../mail/signaturePlaceholders";
import { loadDeskSettings, signatureContact, signatureName } from "../requests/deskSettings";

export async function noticesForRequest(db: Db, shop: string, requestId: string, linkNote: (kind: string) => string) {
  const rows = await db.outboundMail.findMany({
    where: { shop, requestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, toAddress: true, subject: true, body: true, status: true, createdAt: true, sentAt: true },
  });
  // A notice queued before the shop's name and contact were known is shown signed as it will be sent.
  const settings = await loadDeskSettings(db, shop);
  const signature = { name: signatureName(settings), contact: signatureContact(settings) };
  return rows.map((row) => ({ ...row, subject: withShopSignature(row.subject, signature), body: withShopSignature(withoutLinks(row.body, linkNote(row.kind)), signature) }));
}

/** Whether staff should be offered the text to send by hand. */
export const needsCopying = (status: string, smtpConfigured: boolean) =>
  status === "unconfigured" || status === "failed" || (!smtpConfigured && status !== "sent");
