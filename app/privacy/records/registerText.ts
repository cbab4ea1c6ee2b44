// How the processor register's entries read in one language, for the policy and the admin alike
// (plain functions, so the records page can use them in the browser).
import type { Locale } from "../../i18n/locale";

export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries stored as codes ("IE,CA,US"), as the person's language names them. */
export function countryNames(codes: string, locale: Locale): string {
  const names = codes.split(",").map((code) => code.trim()).filter(Boolean).map((code) => countryName(code, locale));
  return names.join(locale === "ja" ? "、" : ", ");
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/**
 * A register text written "日本語 / English" (as the seeded entries are, and merchants may copy) in
 * one language: the Japanese side for a Japanese policy, the other for an English one. Text in
 * one language only is used as it is.
 */
export function inLanguage(text: string, locale: Locale): string {
  const parts = text.split(" / ");
  if (parts.length !== 2 || !JAPANESE.test(parts[0]) || JAPANESE.test(parts[1])) return text;
  return (locale === "ja" ? parts[0] : parts[1]).trim();
}
