// Dates are shown in the shop's time zone (Japan for our first merchant) whatever the server's or
// browser's zone, so the server's HTML and the browser's hydration render the same text. Pages pass
// useTimeZone(); without it the default zone is used.
import type { Locale } from "../../i18n";
import { DEFAULT_SHOP_TIME_ZONE } from "../../privacy/shopTime";

export function formatDate(value: Date | string | null | undefined, locale: Locale, timeZone: string = DEFAULT_SHOP_TIME_ZONE): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeZone }).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined, locale: Locale, timeZone: string = DEFAULT_SHOP_TIME_ZONE): string {
  if (!value) return "";
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(value));
}

/** "a、b、c" in Japanese, "a, b and c" in English. */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale === "ja" ? "ja-JP" : "en-GB", { type: "conjunction" }).format(items);
}
