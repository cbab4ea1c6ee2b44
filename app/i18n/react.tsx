import { createContext, useContext, useMemo, type ReactNode } from "react";
import { pluralKey, translate, type MessageKey, type Vars } from "./index";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import { DEFAULT_SHOP_TIME_ZONE } from "../privacy/shopTime";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);
// The shop's time zone: every date staff see is a date on the shop's calendar.
const TimeZoneContext = createContext<string>(DEFAULT_SHOP_TIME_ZONE);

export function I18nProvider({ locale, timeZone = DEFAULT_SHOP_TIME_ZONE, children }: { locale: Locale; timeZone?: string; children: ReactNode }) {
  return (
    <LocaleContext.Provider value={locale}>
      <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>
    </LocaleContext.Provider>
  );
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => (key: MessageKey, vars?: Vars) => translate(locale, key, vars), [locale]);
}

/** Translates the form of `key` for `count` (English "1 day left", "2 days left"). */
export function usePluralT() {
  const locale = useLocale();
  return useMemo(() => (key: MessageKey, count: number, vars?: Vars) => translate(locale, pluralKey(locale, key, count), vars), [locale]);
}
