// The ledger as CSV for the merchant's records. Cells that a spreadsheet would run as a formula
// are prefixed with an apostrophe (CSV injection); the subject is the key, never an email.
import type { Db } from "../../db.factory";
import { consentWhere, type ConsentFilters } from "./consentQueries";

export const CSV_COLUMNS = ["recorded_at", "choice_at", "subject", "shopify_customer_id", "kind", "granted", "policy_version", "source", "evidence"] as const;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const EXPORT_BATCH = 1000;

/** Yields the CSV in chunks so a large ledger is never held in memory at once. */
export async function* consentCsv(db: Db, shop: string, filters: ConsentFilters): AsyncGenerator<string> {
  yield "\uFEFF" + CSV_COLUMNS.join(",") + "\r\n";
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.consentRecord.findMany({
      where: consentWhere(shop, filters),
      orderBy: { id: "asc" },
      take: EXPORT_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!rows.length) return;
    yield rows
      .map((row) =>
        [
          row.recordedAt.toISOString(),
          row.choiceAt.toISOString(),
          row.subjectKey,
          row.shopifyCustomerId,
          row.kind,
          row.granted,
          row.policyVersion,
          row.source,
          row.evidence,
        ]
          .map(csvCell)
          .join(",") + "\r\n",
      )
      .join("");
    cursor = rows[rows.length - 1].id;
    if (rows.length < EXPORT_BATCH) return;
  }
}
