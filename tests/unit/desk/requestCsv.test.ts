import { describe, expect, it } from "vitest";
import {
  EMPTY_QUERY,
  decodeCursor,
  encodeCursor,
  listWhere,
  parseRequestListQuery,
  searchCondition,
  searchedSerial,
} from "../../../app/privacy/desk/requestList";

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

  it("reads the search box as reference, email or name, whatever years the shop numbers in", () => {
    for (const years of [[], [2025, 2026]]) {
      expect(searchCondition("pd-2026-00042", years)).toEqual({ reference: "PD-2026-00042" });
      expect(searchCondition("pd-2026-", years)).toEqual({ reference: { gte: "PD-2026-", lt: "PD-2026-\u{10FFFF}" } });
      expect(searchCondition("Taro@Example.jp", years)).toEqual({ email: { in: ["Taro@Example.jp", "taro@example.jp"] } });
      expect(searchCondition("taro@example.jp", years)).toEqual({ email: "taro@example.jp" });
      expect(searchCondition("山田", years)).toEqual({ customerName: { gte: "山田", lt: "山田\u{10FFFF}" } });
      expect(searchCondition("123456", years)).toEqual({ customerName: { gte: "123456", lt: "123456\u{10FFFF}" } });
      expect(searchCondition("  ", years)).toBeNull();
    }
  });

  it("reads a serial alone as that serial's full reference in each of the shop's years, or a name prefix", () => {
    const byReference = { reference: { in: ["PD-2025-00042", "PD-2026-00042"] } };
    expect(searchCondition("42", [2026, 2025])).toEqual({ OR: [{ customerName: { gte: "42", lt: "42\u{10FFFF}" } }, byReference] });
    expect(searchCondition(" 00042 ", [2025, 2026, 2026])).toEqual({
      OR: [{ customerName: { gte: "00042", lt: "00042\u{10FFFF}" } }, byReference],
    });
    expect(searchCondition("99999", [2027])).toEqual({
      OR: [{ customerName: { gte: "99999", lt: "99999\u{10FFFF}" } }, { reference: { in: ["PD-2027-99999"] } }],
    });
    // A shop that has numbered nothing yet has no reference to find.
    expect(searchCondition("42", [])).toEqual({ customerName: { gte: "42", lt: "42\u{10FFFF}" } });
  });

  it("tells which terms are a serial alone", () => {
    expect(searchedSerial("42")).toBe(42);
    expect(searchedSerial(" 00042 ")).toBe(42);
    expect(searchedSerial("123456")).toBeNull();
    expect(searchedSerial("PD-2026-00042")).toBeNull();
    expect(searchedSerial("4a")).toBeNull();
    expect(searchedSerial("")).toBeNull();
  });

  it("scopes the serial search to the shop", () => {
    const where = listWhere("a.myshopify.com", { ...EMPTY_QUERY, search: "7" }, new Date("2026-06-01T00:00:00Z"), [2026]);
    expect(where).toEqual({
      AND: [
        { shop: "a.myshopify.com" },
        { OR: [{ customerName: { gte: "7", lt: "7\u{10FFFF}" } }, { reference: { in: ["PD-2026-00007"] } }] },
      ],
    });
  });
});
