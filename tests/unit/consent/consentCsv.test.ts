import { describe, expect, it } from "vitest";
import { csvCell } from "../../../app/privacy/consent/consentCsv";
import { parseConsentFilters } from "../../../app/privacy/consent/consentQueries";

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
});
