// The two forms of every CSV export. "readable" (the default) is for the merchant's spreadsheet:
// headers and values in the staff member's language, dates and times on the shop's clock.
// "codes" is for programs: the stored codes, snake_case headers and ISO 8601 timestamps in UTC,
// stable across languages and releases (README, "CSV exports").
import type { CsvValue } from "./csv";
import { DEFAULT_SHOP_TIME_ZONE } from "./shopTime";

export type CsvForm = "readable" | "codes";

export const parseCsvForm = (value: string | null | undefined): CsvForm => (value === "codes" ? "codes" : "readable");

/** The shop's clock when the caller knows none (the shop's own comes from its settings). */
export const CSV_DEFAULT_TIME_ZONE = DEFAULT_SHOP_TIME_ZONE;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026/12/02 08:24" on the shop's clock, a form every spreadsheet reads as a date and time. */
export function csvLocalDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "";
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A date-time cell in the export's form. */
export const csvTime = (value: Date | null | undefined, form: CsvForm, timeZone: string): CsvValue =>
  form === "codes" ? (value ?? null) : csvLocalDateTime(value, timeZone);

/** The clock's name for a header, as people say it ("日本標準時", "Japan Standard Time"). */
export function timeZoneName(timeZone: string, locale: "ja" | "en", at = new Date()): string {
  const parts = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { timeZone, timeZoneName: "long" }).formatToParts(at);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}
