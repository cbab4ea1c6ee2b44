import { describe, expect, it } from "vitest";
import { consentWhere, parseConsentFilters } from "../../../app/privacy/consent/consentQueries";
import { subjectLabel, subjectParam } from "../../../app/privacy/consent/subjectLabel";

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
    expect(parseConsentFilters(new URLSearchParams("q=%231001")).subjectKeys).toEqual(["customer:1001"]);
    const byEmail = parseConsentFilters(new URLSearchParams("q=Hanako@Example.com"), "a.myshopify.com").subjectKeys?.[0];
    expect(byEmail).toMatch(/^email:[0-9a-f]{64}$/);
    expect(parseConsentFilters(new URLSearchParams("q=hanako@example.com"), "a.myshopify.com").subjectKeys?.[0]).toBe(byEmail);
    expect(parseConsentFilters(new URLSearchParams("q=hanako@example.com"), "b.myshopify.com").subjectKeys?.[0]).not.toBe(byEmail);
    expect(parseConsentFilters(new URLSearchParams("q=nonsense")).subjectKeys).toEqual(["none:"]);
  });
});

describe("consent subjects by type", () => {
  it("filters by customer, email or anonymous visitor, and drops anything else", () => {
    expect(parseConsentFilters(new URLSearchParams("subject_type=visitor")).subjectType).toBe("visitor");
    expect(parseConsentFilters(new URLSearchParams("subject_type=customer")).subjectType).toBe("customer");
    expect(parseConsentFilters(new URLSearchParams("subject_type=none")).subjectType).toBeUndefined();
    expect(consentWhere("a.myshopify.com", { subjectType: "visitor" })).toEqual({ shop: "a.myshopify.com", subjectKey: { startsWith: "visitor:" } });
    expect(consentWhere("a.myshopify.com", { subjectKeys: ["customer:1"], subjectType: "visitor" }).subjectKey).toEqual({ in: ["customer:1"], startsWith: "visitor:" });
    expect(consentWhere("a.myshopify.com", {}).subjectKey).toBeUndefined();
  });

  it("labels a subject by customer id or by its first row's reference, never by its hash, in Japanese and English", () => {
    const ref = "cmb1x2y3z4000008l9k7h6g5f";
    expect(subjectLabel("ja", { type: "visitor", ref })).toBe("匿名の訪問者（記録 9k7h6g5f）");
    expect(subjectLabel("en", { type: "visitor", ref })).toBe(`Anonymous visitor (record ${ref.slice(-8)})`);
    expect(subjectLabel("en", { type: "customer", ref: "1001" })).toBe("Customer #1001");
    expect(subjectLabel("ja", { type: "email", ref })).toBe(`メールで記録された人（記録 ${ref.slice(-8)}）`);
    expect(subjectParam({ type: "customer", ref: "1001" })).toBe("customer:1001");
    expect(subjectParam({ type: "email", ref })).toBe(ref);
  });

  it("reads a subject named by a row reference only once it is looked up, and an unknown name as no one", () => {
    expect(parseConsentFilters(new URLSearchParams("subject=cmb1x2y3z4000008l9k7h6g5f")).subjectKeys).toEqual(["ref:cmb1x2y3z4000008l9k7h6g5f"]);
    expect(parseConsentFilters(new URLSearchParams("subject=customer:1001")).subjectKeys).toEqual(["customer:1001"]);
    // The keyed hash is no longer a way to name anyone from outside.
    expect(parseConsentFilters(new URLSearchParams(`subject=email:${"f".repeat(64)}`)).subjectKeys).toEqual(["none:"]);
  });
});
