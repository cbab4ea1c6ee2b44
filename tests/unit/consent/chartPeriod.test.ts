import { describe, expect, it } from "vitest";
import { chartWindow } from "../../../app/privacy/consent/chartPeriod";

describe("consent chart window", () => {
  const now = new Date("2026-03-15T22:30:00Z");

  it("ends with today and starts 30 days back for days", () => {
    const window = chartWindow("day", now);
    expect(window).toMatchObject({ period: "day", granularity: "day", range: { from: "2026-02-14", to: "2026-03-15" } });
    expect(window.from.toISOString()).toBe("2026-02-14T00:00:00.000Z");
    expect(window.to.toISOString()).toBe("2026-03-16T00:00:00.000Z");
  });

  it("covers 12 weeks and a year", () => {
    expect(chartWindow("week", now)).toMatchObject({ granularity: "week", range: { from: "2025-12-22", to: "2026-03-15" } });
    expect(chartWindow("month", now)).toMatchObject({ granularity: "month", range: { from: "2025-03-16", to: "2026-03-15" } });
  });

  it.each([null, "year", "toString"])("falls back to days for %j", (key) => {
    expect(chartWindow(key, now)).toMatchObject({ period: "day", granularity: "day" });
  });
});
