// The one CSV writer every export uses (app/privacy/csv.ts).
import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../app/privacy/csv";

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://x")', "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+81 90", "'+81 90"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
    // Full-width forms, which Japanese spreadsheets also read as the start of a formula.
    ["＝HYPERLINK(1)", "'＝HYPERLINK(1)"],
    ["＋81", "'＋81"],
    ["－1", "'－1"],
    ["＠SUM(A1)", "'＠SUM(A1)"],
    ["山田 太郎", "山田 太郎"],
    ["a,b", '"a,b"'],
    ['a,"b"', '"a,""b"""'],
    ["line\nbreak", '"line\nbreak"'],
  ])("writes %j as %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("keeps the app's own numbers, booleans and dates as they are", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(null)).toBe("");
    expect(csvLine([new Date("2026-01-02T03:04:05Z"), null, true])).toBe("2026-01-02T03:04:05.000Z,,true\r\n");
  });
});
