// A date written out for people, one way per language wherever it is read: notices and staff mails,
// the storefront's pages and blocks, the disclosure letter. It is the day on the shop's calendar (a
// policy published at 01:30 on 2 December in Tokyo was published on the 2nd, though UTC still says
// the 1st), written the way each language writes a date in prose: 2026年12月2日 / December 2, 2026.
import type { Locale } from "../i18n";
import { shopTimeZone } from "./shopTime";

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatCalendarDate(date: Date, locale: Locale, timeZone: string): string {
  const zone = shopTimeZone(timeZone);
  const key = `${locale}|${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { dateStyle: "long", timeZone: zone });
    formats.set(key, format);
  }
  return format.format(date);
}

/** One date in every storefront language, for data the theme renders without the app (a metafield). */
export function calendarDateInEveryLocale(date: Date, timeZone: string): Record<Locale, string> {
  return { ja: formatCalendarDate(date, "ja", timeZone), en: formatCalendarDate(date, "en", timeZone) };
}
