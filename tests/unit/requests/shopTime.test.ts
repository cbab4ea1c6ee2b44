// Days on the shop's calendar: midnights in its time zone, across offset changes.
import { describe, expect, it } from "vitest";
import { calendarDaysBetween, endOfDayAfter, endOfDayMonthsAfter, endOfLocalDay, isTimeZone, localDate, shopTimeZone, startOfLocalDay } from "../../../app/privacy/shopTime";

describe("the shop's calendar", () => {
  it("reads the calendar date in the zone, not in UTC", () => {
    expect(localDate(new Date("2026-01-31T15:30:00Z"), "Asia/Tokyo")).toEqual({ year: 2026, month: 2, day: 1 });
    expect(localDate(new Date("2026-01-31T15:30:00Z"), "America/New_York")).toEqual({ year: 2026, month: 1, day: 31 });
  });

  it("finds midnight and the day's last instant, also on the days daylight saving time starts and ends", () => {
    expect(startOfLocalDay({ year: 2026, month: 2, day: 1 }, "Asia/Tokyo").toISOString()).toBe("2026-01-31T15:00:00.000Z");
    expect(endOfLocalDay({ year: 2026, month: 2, day: 1 }, "Asia/Tokyo").toISOString()).toBe("2026-02-01T14:59:59.999Z");
    // New York: clocks go forward on 8 March 2026 and back on 1 November 2026.
    expect(startOfLocalDay({ year: 2026, month: 3, day: 8 }, "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(endOfLocalDay({ year: 2026, month: 3, day: 8 }, "America/New_York").toISOString()).toBe("2026-03-09T03:59:59.999Z");
    expect(endOfLocalDay({ year: 2026, month: 11, day: 1 }, "America/New_York").toISOString()).toBe("2026-11-02T04:59:59.999Z");
  });

  it("adds days and months on the calendar, the 31st plus a month being the month's last day", () => {
    const at = new Date("2026-01-31T09:00:00Z");
    expect(endOfDayAfter(at, 1, "Asia/Tokyo").toISOString()).toBe("2026-02-01T14:59:59.999Z");
    expect(endOfDayMonthsAfter(at, 1, "Asia/Tokyo").toISOString()).toBe("2026-02-28T14:59:59.999Z");
    expect(endOfDayMonthsAfter(at, 13, "Asia/Tokyo").toISOString()).toBe("2027-02-28T14:59:59.999Z");
  });

  it("counts midnights between two instants", () => {
    const late = new Date("2026-03-10T14:59:59Z"); // 23:59:59 in Tokyo
    const early = new Date("2026-03-10T15:00:00Z"); // 00:00 the next day
    expect(calendarDaysBetween(late, early, "Asia/Tokyo")).toBe(1);
    expect(calendarDaysBetween(early, late, "Asia/Tokyo")).toBe(-1);
    expect(calendarDaysBetween(late, early, "UTC")).toBe(0);
  });

  it("accepts only IANA zone names and falls back to Tokyo", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(shopTimeZone("")).toBe("Asia/Tokyo");
    expect(shopTimeZone("Not/AZone")).toBe("Asia/Tokyo");
    expect(shopTimeZone("Europe/Paris")).toBe("Europe/Paris");
  });
});
