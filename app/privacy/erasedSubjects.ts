// After a customer's erasure, a replay of an earlier delivery about them (a customers/data_request
// under a new webhook id, a marketing-consent update with older content) must not bring their data
// back. The erasure proof (ErasureReceipt) is anonymised but keeps the keyed hash that names the
// subject, under the keys of the ring, so a later delivery about the same customer id (or, for a
// person known only by email, the same email) is recognised without the app holding who they were.
import type { Prisma } from "../db.factory";
import { customerHashes, emailSubjectHashes, shopHashes } from "./keyedHash";

export interface ErasedSubjectQuery {
  customerId?: string | null;
  email?: string | null;
}

/** When the subject was last erased by customers/redact in this shop, or null if never. */
export async function erasedAt(tx: Prisma.TransactionClient, shop: string, subject: ErasedSubjectQuery): Promise<Date | null> {
  const hashes = [
    ...(subject.customerId ? customerHashes(shop, subject.customerId) : []),
    ...(subject.email ? emailSubjectHashes(shop, subject.email) : []),
  ];
  if (hashes.length === 0) return null;
  const receipt = await tx.erasureReceipt.findFirst({
    where: { shopHash: { in: shopHashes(shop) }, kind: "customer_redact", subjectHash: { in: hashes } },
    orderBy: { performedAt: "desc" },
    select: { performedAt: true },
  });
  return receipt?.performedAt ?? null;
}
