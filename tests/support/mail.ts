// The text a queued mail will be sent with: its body with the sealed links opened, as the mail
// worker does at the moment of sending (app/privacy/mail/sealedLinks.ts). The test process uses
// the same app key as the servers it starts.
import type { Db } from "../../app/db.factory";
import { openLinks, withLinks } from "../../app/privacy/mail/sealedLinks";

export async function sentText(db: Db, mailId: string): Promise<string> {
  const mail = await db.outboundMail.findUniqueOrThrow({ where: { id: mailId }, select: { body: true, sealedLinks: true } });
  return withLinks(mail.body, mail.sealedLinks ? openLinks(mail.sealedLinks) : null);
}
