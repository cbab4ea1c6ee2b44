import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../../app/privacy/desk/requestCsv";
import { decodeCursor, encodeCursor, parseRequestListQuery, searchCondition } from "../../../app/privacy/desk/requestList";

describe("CSV cells", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+81 90", "'+81 90"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["山田 太郎", "山田 太郎"],
    ["a,b", "\"a,b\""],
    ["line\nbreak", "\"line\nbreak\""],
  ])("escapes %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes dates as ISO, empties as nothing and ends lines with CRLF", () => {
    expect(csvLine([new Date("2026-01-02T03:04:05Z"), null, true])).toBe("2026-01-02T03:04:05.000Z,,true\r\n");
  });
});

describe("list query parsing", () => {
  it("keeps known values and drops unknown ones", () => {
    const query = parseRequestListQuery(
      new URLSearchParams("type=disclosure,bogus&status=received&source=nowhere&due=overdue&sort=due_asc&q=%20PD-2026-00001%20"),
    );
    expect(query.types).toEqual(["disclosure"]);
    expect(query.statuses).toEqual(["received"]);
    expect(query.sources).toEqual([]);
    expect(query.due).toBe("overdue");
    expect(query.sort).toBe("due_asc");
    expect(query.search).toBe("PD-2026-00001");
  });

  it("ignores a forged cursor", () => {
    expect(parseRequestListQuery(new URLSearchParams("after=not-a-cursor")).cursor).toBeNull();
    expect(decodeCursor(Buffer.from('["x","y"]').toString("base64url"))).toBeNull();
    const cursor = encodeCursor({ at: new Date("2026-03-01T00:00:00Z"), id: "abc" });
    expect(decodeCursor(cursor)).toEqual({ at: new Date("2026-03-01T00:00:00Z"), id: "abc" });
    const previous = parseRequestListQuery(new URLSearchParams({ before: cursor }));
    expect(previous.direction).toBe("previous");
    expect(previous.cursor).toBe(cursor);
  });

  it("reads the search box as reference, email or name", () => {
    expect(searchCondition("pd-2026-00042")).toEqual({ reference: "PD-2026-00042" });
    expect(searchCondition("Taro@Example.jp")).toEqual({ email: { in: ["Taro@Example.jp", "taro@example.jp"] } });
    expect(searchCondition("山田")).toEqual({ customerName: { gte: "山田", lt: "山田\u{10FFFF}" } });
    expect(searchCondition("  ")).toBeNull();
  });
});
