// The ledger as CSV for the merchant's records, through the one CSV writer (csv.ts). The subject is
// its customer id or the id of its first ledger row, never an email, the banner's visitor id or the
// keyed hash the ledger stores; beside it, its type (customer, email, visitor) and the label the
// admin shows, in the admin's language.
import type { Db } from "../../db.factory";
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey } from "../../i18n";
import { CSV_BOM, csvLine } from "../csv";
import { csvTime, CSV_DEFAULT_TIME_ZONE, timeZoneName, type CsvForm } from "../csvForm";
import { evidenceText } from "./evidenceText";
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

const HEADINGS: Record<(typeof CSV_COLUMNS)[number], MessageKey> = {
  recorded_at: "consent.csv.col.recordedAt",
  choice_at: "consent.csv.col.choiceAt",
  subject: "consent.csv.col.subject",
  subject_type: "consent.csv.col.subjectType",
  subject_label: "consent.csv.col.subjectLabel",
  shopify_customer_id: "consent.csv.col.customerId",
  kind: "consent.csv.col.kind",
  granted: "consent.csv.col.granted",
  policy_version: "consent.csv.col.policyVersion",
  source: "consent.csv.col.source",
  evidence: "consent.csv.col.evidence",
};

export interface ConsentCsvOptions {
  /** Readable (labels, the shop's clock) by default; "codes" keeps the stored codes and UTC times. */
  form?: CsvForm;
  timeZone?: string;
}

const label = (locale: Locale, key: string, raw: string) => {
  const text = translate(locale, key as MessageKey);
  return text === key ? raw : text;
};

function header(locale: Locale, form: CsvForm, timeZone: string): string {
  if (form === "codes") return csvLine(CSV_COLUMNS);
  const zone = translate(locale, "desk.csv.timeZone", { zone: timeZoneName(timeZone, locale) });
  return csvLine(READABLE_COLUMNS.map((column) => translate(locale, HEADINGS[column]) + (column.endsWith("_at") ? zone : "")));
}

// The subject's reference (customer:<id> or a ledger row id) is for programs; people read its label.
const READABLE_COLUMNS = CSV_COLUMNS.filter((column) => column !== "subject");

const EXPORT_BATCH = 1000;

/** Yields the CSV in chunks so a large ledger is never held in memory at once. */
export async function* consentCsv(
  db: Db,
  shop: string,
  filters: ConsentFilters,
  locale: Locale = DEFAULT_LOCALE,
  { form = "readable", timeZone = CSV_DEFAULT_TIME_ZONE }: ConsentCsvOptions = {},
): AsyncGenerator<string> {
  const readable = form === "readable";
  yield CSV_BOM + header(locale, form, timeZone);
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
          csvTime(row.recordedAt, form, timeZone),
          csvTime(row.choiceAt, form, timeZone),
          ...(readable ? [] : [subjectParam(subject)]),
          readable ? label(locale, `consent.subjectType.${subject.type}`, subject.type) : subject.type,
          subjectLabel(locale, subject),
          row.shopifyCustomerId,
          readable ? label(locale, `consent.kind.${row.kind}`, row.kind) : row.kind,
          readable ? translate(locale, row.granted ? "consent.granted" : "consent.withdrawn") : row.granted,
          row.policyVersion,
          readable ? label(locale, `consent.source.${row.source}`, row.source) : row.source,
          readable ? evidenceText(row.evidence, locale) : row.evidence,
        ]);
      })
      .join("");
    cursor = rows[rows.length - 1].id;
    if (rows.length < EXPORT_BATCH) return;
  }
}
