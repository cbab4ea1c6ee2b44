// CSV export of the requests list, through the one CSV writer (csv.ts), in either form (csvForm.ts):
// readable for the merchant (headers and labels in the staff member's language, times on the
// shop's clock) or the stored codes for programs.
import type { Db } from "../../db.factory";
import { translate, type Locale, type MessageKey } from "../../i18n";
import { CSV_BOM, csvLine, type CsvValue } from "../csv";
import { csvTime, CSV_DEFAULT_TIME_ZONE, timeZoneName, type CsvForm } from "../csvForm";
import { listRequests, type RequestListQuery, type RequestListRow } from "./requestList";

/** The machine-readable header, one code per column; the readable header names the same columns. */
export const CSV_COLUMNS = [
  "reference",
  "type",
  "status",
  "source",
  "customer_name",
  "email",
  "received_at",
  "due_at",
  "closed_at",
  "identity",
  "agent",
  "language",
] as const;

const HEADINGS: Record<(typeof CSV_COLUMNS)[number], MessageKey> = {
  reference: "desk.csv.col.reference",
  type: "desk.csv.col.type",
  status: "desk.csv.col.status",
  source: "desk.csv.col.source",
  customer_name: "desk.csv.col.customerName",
  email: "desk.csv.col.email",
  received_at: "desk.csv.col.receivedAt",
  due_at: "desk.csv.col.dueAt",
  closed_at: "desk.csv.col.closedAt",
  identity: "desk.csv.col.identity",
  agent: "desk.csv.col.agent",
  language: "desk.csv.col.language",
};
const TIMES = new Set(["received_at", "due_at", "closed_at"]);

export interface RequestCsvOptions {
  form?: CsvForm;
  locale?: Locale;
  timeZone?: string;
}

const label = (locale: Locale, key: string, raw: string) => {
  const text = translate(locale, key as MessageKey);
  return text === key ? raw : text;
};

export function csvHeader({ form = "readable", locale = "ja", timeZone = CSV_DEFAULT_TIME_ZONE }: RequestCsvOptions = {}): string {
  if (form === "codes") return csvLine(CSV_COLUMNS);
  return csvLine(CSV_COLUMNS.map((column) => `${translate(locale, HEADINGS[column])}${TIMES.has(column) ? translate(locale, "desk.csv.timeZone", { zone: timeZoneName(timeZone, locale) }) : ""}`));
}

export function csvRow(row: RequestListRow, { form = "readable", locale = "ja", timeZone = CSV_DEFAULT_TIME_ZONE }: RequestCsvOptions = {}): string {
  const readable = form === "readable";
  const cells: CsvValue[] = [
    row.reference,
    readable ? label(locale, `desk.type.${row.type}`, row.type) : row.type,
    readable ? label(locale, `desk.status.${row.status}`, row.status) : row.status,
    readable ? label(locale, `desk.source.${row.source}`, row.source) : row.source,
    row.customerName,
    row.email,
    csvTime(row.receivedAt, form, timeZone),
    csvTime(row.dueAt, form, timeZone),
    csvTime(row.closedAt, form, timeZone),
    readable ? label(locale, `desk.identity.${row.identityStatus}`, row.identityStatus) : row.identityStatus,
    readable ? translate(locale, row.isAgent ? "desk.csv.yes" : "desk.csv.no") : row.isAgent,
    readable ? translate(locale, row.language === "en" ? "language.en" : "language.ja") : row.language,
  ];
  return csvLine(cells);
}

/**
 * Every request matching the list's filters, as CSV, read page by page along the same keyset so
 * an export of 100,000 rows never holds more than one page in memory. Starts with a BOM so Excel
 * opens the Japanese text as UTF-8.
 */
export async function* requestsCsv(db: Db, shop: string, query: RequestListQuery, now = new Date(), options: RequestCsvOptions = {}): AsyncGenerator<string> {
  yield `${CSV_BOM}${csvHeader(options)}`;
  let cursor: string | null = null;
  do {
    const page = await listRequests(db, shop, { ...query, cursor, direction: "next" }, { now, pageSize: 500, timeZone: options.timeZone ?? CSV_DEFAULT_TIME_ZONE });
    yield page.rows.map((row) => csvRow(row, options)).join("");
    cursor = page.next;
  } while (cursor);
}
