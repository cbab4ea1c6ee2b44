import { describe, expect, it } from "vitest";
import { allCatalogues, resolveLocale, translate } from "../../app/i18n";

describe("message catalogues", () => {
  it("give every Japanese text an English one and nothing more", () => {
    for (const catalogue of allCatalogues) {
      expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.ja).sort());
    }
  });

  it("never define the same key in two catalogues", () => {
    const seen = new Map<string, number>();
    allCatalogues.forEach((catalogue, index) => {
      for (const key of Object.keys(catalogue.ja)) {
        expect(seen.has(key), `"${key}" is defined twice`).toBe(false);
        seen.set(key, index);
      }
    });
  });

  it("leave no text empty", () => {
    for (const catalogue of allCatalogues) {
      for (const locale of ["ja", "en"] as const) {
        for (const [key, text] of Object.entries(catalogue[locale])) expect(text.trim(), `${locale}:${key}`).not.toBe("");
      }
    }
  });

  it("fill placeholders", () => {
    expect(translate("en", "nav.requests")).toBe("Requests");
    expect(translate("ja", "nav.requests")).toBe("リクエスト");
  });
});

describe("resolveLocale", () => {
  it("takes the admin's locale parameter first, then Accept-Language, and defaults to Japanese", () => {
    expect(resolveLocale("en-US")).toBe("en");
    expect(resolveLocale("ja")).toBe("ja");
    expect(resolveLocale(null, "fr-FR,en;q=0.8")).toBe("en");
    expect(resolveLocale("de", "de-DE")).toBe("ja");
    expect(resolveLocale(undefined, undefined)).toBe("ja");
  });
});
