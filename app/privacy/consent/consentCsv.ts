// The ledger as CSV for the merchant's records, through the one CSV writer (csv.ts). The subject is
// its customer id or the id of its first ledger row, never an email, the banner's visitor id or the
// keyed hash the ledger stores; beside it, its type (customer, email, visitor) and the label the
// admin shows, in the admin's language.
import type { Db } from "../../db.factory";
import { DEFAULT_LOCALE, type Locale } from "../../i18n";
import { CSV_BOM, csvLine } from "../csv";
import { consentWhere, subjectViews, type ConsentFilters } from "./consentQueries";
import { subjectLabel, subjectParam } from "./subjectLabel";

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

const EXPORT_BATCH = 1000;

/** Yields the CSV in chunks so a large ledger is never held in memory at once. */
export async function* consentCsv(db: Db, shop: string, filters: ConsentFilters, locale: Locale = DEFAULT_LOCALE): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(CSV_COLUMNS);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.consentRecord.findMany({
      where: consentWhere(shop, filters),
      orderBy: { id: "asc" },
      take: EXPORT_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!rows.length) return;
    const views = await subjectViews(db, shop, rows.map((row) => row.subjectKey));
    yield rows
      .map((row) => {
        const subject = views.get(row.subjectKey)!;
        return csvLine([
          row.recordedAt,
          row.choiceAt,
          subjectParam(subject),
          subject.type,
          subjectLabel(locale, subject),
          row.shopifyCustomerId,
          row.kind,
          row.granted,
          row.policyVersion,
          row.source,
          row.evidence,
        ]);
      })
      .join("");
    cursor = rows[rows.length - 1].id;
    if (rows.length < EXPORT_BATCH) return;
  }
}
