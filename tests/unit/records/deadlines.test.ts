import { describe, expect, it } from "vitest";
import { japaneseDeadline, nonWorkingReason, tokyoDateString } from "../../../app/privacy/records/workingDays";
import { breachDeadlines, effectiveTriggers, nextReportDueAt, reportIsDue } from "../../../app/privacy/records/breaches";

// Discovery day is day 1 (PPC guideline); a last day on which offices are closed moves on.
const jst = (day: string, time = "10:00") => new Date(`${day}T${time}:00+09:00`);

describe("japaneseDeadline over real 2026-2027 calendars", () => {
  it.each([
    // [what, discovered (JST), days, expected deadline day]
    ["plain weekdays, no move", "2026-06-01", 5, "2026-06-05"],
    ["lands on Sunday → Monday", "2026-06-03", 5, "2026-06-08"],
    ["lands on Saturday → Monday", "2026-06-02", 5, "2026-06-08"],
    ["Golden Week 2026: 5/4 みどりの日 → 5/5 → 5/6 振替休日 → 5/7", "2026-04-30", 5, "2026-05-07"],
    ["Golden Week 2026 from 5/1: Sunday 5/3 憲法記念日", "2026-05-01", 3, "2026-05-07"],
    ["Golden Week 2026: 4/29 昭和の日 itself", "2026-04-27", 3, "2026-04-30"],
    ["Golden Week 2027: Sunday 5/2 then 5/3-5/5 → 5/6", "2027-04-28", 5, "2027-05-06"],
    ["Golden Week 2027: 4/29 (Thu) 昭和の日 → 4/30", "2027-04-25", 5, "2027-04-30"],
    ["year-end closure: 12/29 → 2027-01-04", "2026-12-25", 5, "2027-01-04"],
    ["year-end closure, 30-day final report: 12/30 → 2027-01-04", "2026-12-01", 30, "2027-01-04"],
    ["year-end closure: 1/2 → 1/4", "2026-12-31", 3, "2027-01-04"],
    ["year-end closure 2027: 12/31 → 2028-01-04", "2027-12-27", 5, "2028-01-04"],
    ["海の日 on Monday 2026-07-20 → 7/21", "2026-07-16", 5, "2026-07-21"],
    ["敬老の日 2026-09-21, 国民の休日 9/22, 秋分の日 9/23 → 9/24", "2026-09-17", 5, "2026-09-24"],
    ["substitute holiday 2027-03-22 for 春分の日 on Sunday → 3/23", "2027-03-18", 5, "2027-03-23"],
    ["60-day final report ending on 2026-05-04 → 5/7", "2026-03-06", 60, "2026-05-07"],
    ["30-day final report on a weekday", "2026-10-05", 30, "2026-11-04"],
  ])("%s", (_what, discovered, days, expected) => {
    const deadline = japaneseDeadline(jst(discovered), days);
    expect(tokyoDateString(deadline)).toBe(expected);
    // The deadline is the very end of that Tokyo day.
    expect(deadline.toISOString()).toBe(new Date(`${expected}T23:59:59.999+09:00`).toISOString());
  });

  it("counts Tokyo days: 01:00 JST on 5/1 is 16:00 UTC on 4/30", () => {
    expect(tokyoDateString(japaneseDeadline(new Date("2026-04-30T16:00:00Z"), 5))).toBe("2026-05-07");
    expect(tokyoDateString(japaneseDeadline(new Date("2026-06-01T14:59:00Z"), 5))).toBe("2026-06-05");
  });

  it("names why a day is closed", () => {
    expect(nonWorkingReason("2026-07-20")).toBe("holiday");
    expect(nonWorkingReason("2026-07-18")).toBe("weekend");
    expect(nonWorkingReason("2026-12-29")).toBe("year_end_closure");
    expect(nonWorkingReason("2027-01-03")).toBe("weekend");
    expect(nonWorkingReason("2026-01-02")).toBe("year_end_closure");
    expect(nonWorkingReason("2026-12-28")).toBeNull();
  });

  it("refuses a count that is not a positive whole number", () => {
    expect(() => japaneseDeadline(jst("2026-06-01"), 0)).toThrow(RangeError);
    expect(() => japaneseDeadline(jst("2026-06-01"), 2.5)).toThrow(RangeError);
  });
});

const none = { sensitive: false, financial: false, malicious: false, overThousand: false };

describe("breach report triggers", () => {
  it("is due when any one of the four triggers holds, and only then", () => {
    expect(reportIsDue(none)).toBe(false);
    for (const key of Object.keys(none) as Array<keyof typeof none>) expect(reportIsDue({ ...none, [key]: true })).toBe(true);
  });

  it("treats more than 1,000 people as the fourth trigger, exactly 1,000 not", () => {
    expect(effectiveTriggers(none, 1000).overThousand).toBe(false);
    expect(effectiveTriggers(none, 1001).overThousand).toBe(true);
    expect(reportIsDue(effectiveTriggers(none, 1001))).toBe(true);
  });

  it("sets no PPC deadline when nothing triggers, but keeps GDPR's 72 hours for EU residents", () => {
    const discovered = new Date("2026-06-01T01:00:00Z");
    const deadlines = breachDeadlines(discovered, none, true);
    expect(deadlines.preliminaryDueAt).toBeNull();
    expect(deadlines.finalDueAt).toBeNull();
    expect(deadlines.gdprDueAt?.toISOString()).toBe("2026-06-04T01:00:00.000Z");
    expect(breachDeadlines(discovered, none, false).gdprDueAt).toBeNull();
  });

  it("gives 30 days for the final report, 60 when the act was malicious (web skimming)", () => {
    const discovered = jst("2026-06-01");
    const ordinary = breachDeadlines(discovered, { ...none, sensitive: true }, false);
    expect(tokyoDateString(ordinary.preliminaryFrom!)).toBe("2026-06-03");
    expect(tokyoDateString(ordinary.preliminaryDueAt!)).toBe("2026-06-05");
    expect(tokyoDateString(ordinary.finalDueAt!)).toBe("2026-06-30");
    const malicious = breachDeadlines(discovered, { ...none, malicious: true }, false);
    // Day 60 is Thursday 2026-07-30.
    expect(tokyoDateString(malicious.finalDueAt!)).toBe("2026-07-30");
  });
});

describe("next report deadline of an incident", () => {
  const preliminary = new Date("2026-06-05T14:59:59Z");
  const final = new Date("2026-06-30T14:59:59Z");
  const gdpr = new Date("2026-06-04T01:00:00Z");
  const owed = {
    reportDue: true,
    preliminaryDueAt: preliminary,
    preliminaryReportedAt: null,
    finalDueAt: final,
    finalReportedAt: null,
    euResidents: true,
    gdprDueAt: gdpr,
    gdprReportedAt: null,
  };

  it("is the earliest report still owed", () => {
    expect(nextReportDueAt(owed)).toEqual(gdpr);
    expect(nextReportDueAt({ ...owed, gdprReportedAt: gdpr })).toEqual(preliminary);
    expect(nextReportDueAt({ ...owed, euResidents: false, preliminaryReportedAt: preliminary })).toEqual(final);
  });

  it("is none once every report is made, or when no report is due and no EU resident is affected", () => {
    expect(nextReportDueAt({ ...owed, preliminaryReportedAt: preliminary, finalReportedAt: final, gdprReportedAt: gdpr })).toBeNull();
    expect(nextReportDueAt({ ...owed, reportDue: false, euResidents: false })).toBeNull();
  });
});
