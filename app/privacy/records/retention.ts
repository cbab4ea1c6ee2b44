// APPI enforcement rules art. 21: a provision record is kept 3 years from the last provision it
// covers, 1 year where a contract (or other document) itself serves as the record. Records past
// that date are purged; staff see what is about to go.
import type { Db } from "../../db.factory";
import { auditRecords, type Client } from "./audit";

export const RETENTION_YEARS = 3;
export const CONTRACT_RETENTION_YEARS = 1;
export const EXPIRING_SOON_DAYS = 60;

function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  // 29 February plus whole years lands on 1 March, the later of the two readings: never purge early.
  return result;
}

export function retentionEndsAt(lastProvidedAt: Date, contractServesAsRecord: boolean): Date {
  return addYears(lastProvidedAt, contractServesAsRecord ? CONTRACT_RETENTION_YEARS : RETENTION_YEARS);
}

export async function expiringProvisionRecords(db: Client, shop: string, now = new Date(), withinDays = EXPIRING_SOON_DAYS) {
  const horizon = new Date(now.getTime() + withinDays * 24 * 60 * 60 * 1000);
  return db.provisionRecord.findMany({
    where: { shop, retentionEndsAt: { gt: now, lte: horizon } },
    orderBy: { retentionEndsAt: "asc" },
  });
}

/**
 * Deletes every record whose retention ended, shop by shop, each shop's deletion and its audit
 * entry in one transaction. Returns the count per shop.
 */
export async function purgeExpiredProvisionRecords(db: Db, now = new Date()): Promise<Record<string, number>> {
  const due = await db.provisionRecord.groupBy({ by: ["shop"], where: { retentionEndsAt: { lte: now } } });
  const counts: Record<string, number> = {};
  for (const { shop } of due) {
    counts[shop] = await db.$transaction(async (tx) => {
      const { count } = await tx.provisionRecord.deleteMany({ where: { shop, retentionEndsAt: { lte: now } } });
      if (count > 0) await auditRecords(tx, shop, "system", "provision.purged", { count, before: now.toISOString() }, now);
      return count;
    });
  }
  return counts;
}
