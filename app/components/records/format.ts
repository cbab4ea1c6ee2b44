import type { Locale } from "../../i18n/locale";

/** A stored instant shown as its Tokyo calendar day, the day the law's deadlines count in. */
export function formatDay(iso: string | Date | null | undefined, locale: Locale): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
  }).format(new Date(iso));
}

export function formatDateTime(iso: string | Date | null | undefined, locale: Locale): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** "YYYY-MM-DDTHH:mm" (Tokyo) for a datetime-local input's value. */
export function dateTimeInputValue(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  return new Date(new Date(iso).getTime() + 9 * 3600 * 1000).toISOString().slice(0, 16);
}

/** "YYYY-MM-DD" (Tokyo) for a date input's value. */
export function dateInputValue(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  return new Date(new Date(iso).getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}
