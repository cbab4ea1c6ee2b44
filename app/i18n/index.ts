// Message catalogues, one module per feature so features never edit each other's texts.
// Every catalogue's English side must have exactly the Japanese side's keys (a unit test checks).
import { common } from "./messages/common";
import { shell } from "./messages/shell";
import { storefront } from "./messages/storefront";
import { desk } from "./messages/desk";
import { records } from "./messages/records";
import { consent } from "./messages/consent";
import { webhooks } from "./messages/webhooks";
import { flow } from "./messages/flow";
import type { Locale } from "./locale";

const catalogues = [common, shell, storefront, desk, records, consent, webhooks, flow] as const;

type Catalogue = (typeof catalogues)[number];
type JapaneseKeys<C> = C extends { ja: infer J } ? keyof J & string : never;
export type MessageKey = JapaneseKeys<Catalogue>;

const merged: Record<Locale, Record<string, string>> = { ja: {}, en: {} };
for (const catalogue of catalogues) {
  Object.assign(merged.ja, catalogue.ja);
  Object.assign(merged.en, catalogue.en);
}

export const allCatalogues: ReadonlyArray<{ ja: Record<string, string>; en: Record<string, string> }> = catalogues;

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const template = merged[locale][key] ?? merged.ja[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * The form of `key` for `count` ("<key>.one" in English for 1) where the catalogue has one, else
 * the key itself. Japanese has no plural forms; it carries the same keys with the same text.
 */
export function pluralKey(locale: Locale, key: MessageKey, count: number): MessageKey {
  const form = `${key}.${new Intl.PluralRules(locale).select(count)}`;
  return (form in merged[locale] ? form : key) as MessageKey;
}

export * from "./locale";
