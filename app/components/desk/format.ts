// Dates are shown in Japan time whatever the server's or browser's zone, so the server's HTML and
// the browser's hydration render the same text.
import type { Locale } from "../../i18n";

const TIME_ZONE = "Asia/Tokyo";

export function formatDate(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `now` to `due`, rounded towards the deadline (negative when overdue). */
export function daysUntil(due: Date | string, now: Date): number {
  const diff = new Date(due).getTime() - now.getTime();
  return diff >= 0 ? Math.floor(diff / DAY_MS) : -Math.ceil(-diff / DAY_MS);
}
