// The one CSV writer of every export (requests, consent ledger, customer data, disclosure packages,
// provision-records disclosures). Cells hold text shoppers and staff typed, and spreadsheet programs
// run a cell that starts with = + - @ (or tab/CR, which they skip first) as a formula; Japanese
// spreadsheets also read the full-width ＝ ＋ － ＠ that way. Such cells get a leading apostrophe.
// Numbers, booleans and dates are the app's own values and stay as they are.
export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Byte-order mark first, so spreadsheet programs read the file as UTF-8 (Japanese text). */
export const CSV_BOM = "\uFEFF";

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 writes it. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
