// Every change to the records is written to the shop's audit trail. Details carry ids and
// counts, never the personal data the records describe.
import type { Db, Prisma } from "../../db.factory";

export type Client = Db | Prisma.TransactionClient;

export async function auditRecords(
  db: Client,
  shop: string,
  actor: string,
  action: string,
  detail: Record<string, string | number | boolean | null>,
  at = new Date(),
): Promise<void> {
  await db.auditEntry.create({ data: { shop, actor, action: `records.${action}`, detail: JSON.stringify(detail), at } });
}
