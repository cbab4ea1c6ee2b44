// Japanese first: any locale that is not clearly English falls back to Japanese.
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";

export function isLocale(value: unknown): value is Locale {
  return value === "ja" || value === "en";
}

/** Shopify admin passes `locale` (e.g. "ja", "en-US") on the embedded app's URL. */
export function resolveLocale(requested: string | null | undefined, acceptLanguage?: string | null): Locale {
  const fromParam = normalise(requested);
  if (fromParam) return fromParam;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const candidate = normalise(part.split(";")[0]);
    if (candidate) return candidate;
  }
  return DEFAULT_LOCALE;
}

function normalise(tag: string | null | undefined): Locale | null {
  const base = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  if (base === "ja") return "ja";
  if (base === "en") return "en";
  return null;
}
