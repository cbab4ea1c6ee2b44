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
  const [at] = await erasedAtEach(tx, shop, [subject]);
  return at;
}

const subjectHashes = (shop: string, subject: ErasedSubjectQuery | null) => [
  ...(subject?.customerId ? customerHashes(shop, subject.customerId) : []),
  ...(subject?.email ? emailSubjectHashes(shop, subject.email) : []),
];

/**
 * erasedAt for each of several subjects of one shop (null: no subject), in one statement: a
 * worker's batch of deliveries asks once for all the people it names.
 */
export async function erasedAtEach(tx: Prisma.TransactionClient, shop: string, subjects: Array<ErasedSubjectQuery | null>): Promise<Array<Date | null>> {
  const hashesOf = subjects.map((subject) => subjectHashes(shop, subject));
  const hashes = [...new Set(hashesOf.flat())];
  if (hashes.length === 0) return subjects.map(() => null);
  const receipts = await tx.erasureReceipt.findMany({
    where: { shopHash: { in: shopHashes(shop) }, kind: "customer_redact", subjectHash: { in: hashes } },
    select: { subjectHash: true, performedAt: true },
  });
  const latest = new Map<string, Date>();
  for (const { subjectHash, performedAt } of receipts) {
    const seen = subjectHash === null ? undefined : latest.get(subjectHash);
    if (subjectHash !== null && (!seen || seen.getTime() < performedAt.getTime())) latest.set(subjectHash, performedAt);
  }
  return hashesOf.map((own) => {
    let at: Date | null = null;
    for (const hash of own) {
      const found = latest.get(hash);
      if (found && (!at || at.getTime() < found.getTime())) at = found;
    }
    return at;
  });
}
