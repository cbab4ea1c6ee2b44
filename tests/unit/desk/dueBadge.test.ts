// The deadline badge staff see on the list, the dashboard and the request page: calendar days on
// the shop's calendar, plural forms in English, at the day boundary.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisJa from "@shopify/polaris/locales/ja.json";
import { describe, expect, it } from "vitest";
import { DueBadge } from "../../../app/components/desk/Badges";
import { I18nProvider } from "../../../app/i18n/react";
import type { Locale } from "../../../app/i18n";
import { requestDeadline } from "../../../app/privacy/requests/deadlines";

function badge(locale: Locale, dueAt: Date, now: Date, timeZone?: string): string {
  const html = renderToStaticMarkup(
    createElement(
      AppProvider,
      { i18n: locale === "ja" ? polarisJa : polarisEn },
      createElement(I18nProvider, { locale, timeZone, children: createElement(DueBadge, { status: "received", dueAt, now }) }),
    ),
  );
  // Polaris adds the tone ("Warning") for screen readers; the visible text is what is compared.
  return html
    .replace(/<span[^>]*visuallyHidden[^>]*>[^<]*<\/span>/g, "")
    .replace(/<[^>]+>/g, "")
    .trim();
}

// 09:00 on 10 March in Tokyo.
const morning = new Date("2026-03-10T00:00:00Z");
const tokyoEndOf = (date: string) => new Date(new Date(`${date}T00:00:00+09:00`).getTime() + 86_400_000 - 1);

describe("the deadline badge", () => {
  it("shows 14 days left for a 14-day request received today, in the morning and just before midnight", () => {
    const due = requestDeadline(morning, false);
    expect(badge("ja", due, morning)).toBe("あと14日");
    expect(badge("en", due, morning)).toBe("14 days left");
    expect(badge("en", due, new Date("2026-03-10T14:59:59Z"))).toBe("14 days left");
    // After midnight in Tokyo it is the next day: 13 left.
    expect(badge("en", due, new Date("2026-03-10T15:00:00Z"))).toBe("13 days left");
  });

  it("shows 2 for a deadline the day after tomorrow, 1 day (singular) for tomorrow, and due today on the day", () => {
    expect(badge("en", tokyoEndOf("2026-03-12"), morning)).toBe("2 days left");
    expect(badge("en", tokyoEndOf("2026-03-11"), morning)).toBe("1 day left");
    expect(badge("ja", tokyoEndOf("2026-03-11"), morning)).toBe("あと1日");
    expect(badge("en", tokyoEndOf("2026-03-10"), morning)).toBe("Due today");
    expect(badge("ja", tokyoEndOf("2026-03-10"), morning)).toBe("本日期限");
  });

  it("counts overdue days by the calendar, singular for one", () => {
    expect(badge("en", tokyoEndOf("2026-03-09"), morning)).toBe("1 day overdue");
    expect(badge("en", tokyoEndOf("2026-03-07"), morning)).toBe("3 days overdue");
    expect(badge("ja", tokyoEndOf("2026-03-07"), morning)).toBe("3日超過");
  });

  it("counts on the shop's calendar, not the server's: the same instant is another day in New York", () => {
    // 09:00 on 10 March in Tokyo is 20:00 on 9 March in New York.
    const due = new Date("2026-03-10T14:00:00Z"); // 23:00 on 10 March in Tokyo, 10:00 on 10 March in New York
    expect(badge("en", due, morning, "America/New_York")).toBe("1 day left");
    expect(badge("en", due, morning, "Asia/Tokyo")).toBe("Due today");
  });
});
