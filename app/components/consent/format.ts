// Dates on the consent and policy pages: Japan time, since the merchant and the law are Japanese,
// and fixed on server and client so the first render and hydration agree.
import type { Locale } from "../../i18n";

export function formatDateTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Tokyo",
  }).format(new Date(iso));
}

/** A calendar day given as YYYY-MM-DD, written as the reader writes dates. */
export function formatDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export { subjectLabel } from "../../privacy/consent/subjectLabel";
