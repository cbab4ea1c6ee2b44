// The ledger as CSV for the merchant's records. Cells that a spreadsheet would run as a formula
// are prefixed with an apostrophe (CSV injection); the subject is the key, never an email or the
// banner's visitor id. Beside the key, its type (customer, email, visitor) and the label the admin
// shows, in the admin's language.
import type { Db } from "../../db.factory";
import { DEFAULT_LOCALE, type Locale } from "../../i18n";
import { consentWhere, type ConsentFilters } from "./consentQueries";
import { subjectLabel, subjectParts } from "./subjectLabel";

export const CSV_COLUMNS = [
  "recorded_at",
  "choice_at",
  "subject",
  "subject_type",
  "subject_label",
  "shopify_customer_id",
  "kind",
  "granted",
  "policy_version",
  "source",
  "evidence",
] as const;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const EXPORT_BATCH = 1000;

/** Yields the CSV in chunks so a large ledger is never held in memory at once. */
export async function* consentCsv(db: Db, shop: string, filters: ConsentFilters, locale: Locale = DEFAULT_LOCALE): AsyncGenerator<string> {
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
          subjectParts(row.subjectKey).type,
          subjectLabel(locale, row.subjectKey),
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
