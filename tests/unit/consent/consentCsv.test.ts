import { describe, expect, it } from "vitest";
import { csvCell } from "../../../app/privacy/consent/consentCsv";
import { consentWhere, parseConsentFilters } from "../../../app/privacy/consent/consentQueries";
import { subjectLabel } from "../../../app/privacy/consent/subjectLabel";

describe("consent CSV cells", () => {
  it("quotes separators and neutralises spreadsheet formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell(null)).toBe("");
    expect(csvCell(false)).toBe("false");
  });
});

describe("consent filters from the query string", () => {
  it("keeps known values and drops the rest", () => {
    const filters = parseConsentFilters(new URLSearchParams("kind=email_marketing&source=nope&granted=false&from=2026-01-01&to=2026-01-31"));
    expect(filters).toEqual({
      kind: "email_marketing",
      granted: false,
      from: new Date("2026-01-01T00:00:00Z"),
      to: new Date("2026-02-01T00:00:00Z"),
    });
    expect(parseConsentFilters(new URLSearchParams("kind=x&granted=maybe&from=01/02/2026"))).toEqual({});
  });

  it("finds a person by customer id or by the keyed hash of an email", () => {
    process.env.PRIVACY_DESK_HASH_KEY ??= "unit-test-key";
    expect(parseConsentFilters(new URLSearchParams("q=%231001")).subjectKey).toBe("customer:1001");
    const byEmail = parseConsentFilters(new URLSearchParams("q=Hanako@Example.com"), "a.myshopify.com").subjectKey;
    expect(byEmail).toMatch(/^email:[0-9a-f]{64}$/);
    expect(parseConsentFilters(new URLSearchParams("q=hanako@example.com"), "a.myshopify.com").subjectKey).toBe(byEmail);
    expect(parseConsentFilters(new URLSearchParams("q=hanako@example.com"), "b.myshopify.com").subjectKey).not.toBe(byEmail);
    expect(parseConsentFilters(new URLSearchParams("q=nonsense")).subjectKey).toBe("none:");
  });
});

describe("consent subjects by type", () => {
  it("filters by customer, email or anonymous visitor, and drops anything else", () => {
    expect(parseConsentFilters(new URLSearchParams("subject_type=visitor")).subjectType).toBe("visitor");
    expect(parseConsentFilters(new URLSearchParams("subject_type=customer")).subjectType).toBe("customer");
    expect(parseConsentFilters(new URLSearchParams("subject_type=none")).subjectType).toBeUndefined();
    expect(consentWhere("a.myshopify.com", { subjectType: "visitor" })).toEqual({ shop: "a.myshopify.com", subjectKey: { startsWith: "visitor:" } });
    expect(consentWhere("a.myshopify.com", { subjectKey: "customer:1", subjectType: "visitor" }).subjectKey).toEqual({ equals: "customer:1", startsWith: "visitor:" });
    expect(consentWhere("a.myshopify.com", {}).subjectKey).toBeUndefined();
  });

  it("labels an anonymous visitor with a short hash prefix, in Japanese and English", () => {
    const key = `visitor:${"0123456789abcdef".repeat(4)}`;
    expect(subjectLabel("ja", key)).toBe("匿名の訪問者（ハッシュ 0123456789）");
    expect(subjectLabel("en", key)).toBe("Anonymous visitor (hash 0123456789)");
    expect(subjectLabel("en", "customer:1001")).toBe("Customer #1001");
    expect(subjectLabel("ja", `email:${"f".repeat(64)}`)).toBe("メール（ハッシュ ffffffffff）");
  });
});
