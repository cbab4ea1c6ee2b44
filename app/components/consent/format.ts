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

export { subjectLabel } from "../../privacy/consent/subjectLabel";
