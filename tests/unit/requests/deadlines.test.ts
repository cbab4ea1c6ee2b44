import { describe, expect, it } from "vitest";
import {
  addMonths,
  daysLeft,
  deadlineState,
  extendDeadline,
  latestExtendedDeadline,
  requestDeadline,
} from "../../../app/privacy/requests/deadlines";
import { RequestInputError } from "../../../app/privacy/requests/requestTypes";

const DAY = 24 * 60 * 60 * 1000;
// 18:00 on 31 January in Tokyo.
const received = new Date("2026-01-31T09:00:00Z");
/** The end of a calendar day in Tokyo (UTC+9), as an ISO instant. */
const endOfTokyoDay = (date: string) => new Date(new Date(`${date}T00:00:00+09:00`).getTime() + DAY - 1).toISOString();

describe("request deadlines", () => {
  it("defaults to 14 days (APPI art. 39) and 30 days for EU shoppers, due at the end of that day in the shop's time zone", () => {
    expect(requestDeadline(received, false).toISOString()).toBe(endOfTokyoDay("2026-02-14"));
    expect(requestDeadline(received, true).toISOString()).toBe(endOfTokyoDay("2026-03-02"));
  });

  it("follows the shop's settings and ignores nonsense values", () => {
    expect(requestDeadline(received, false, { dueDays: 7, euDueDays: 20 }).toISOString()).toBe(endOfTokyoDay("2026-02-07"));
    expect(requestDeadline(received, true, { dueDays: 7, euDueDays: 20 }).toISOString()).toBe(endOfTokyoDay("2026-02-20"));
    expect(requestDeadline(received, false, { dueDays: 0 }).toISOString()).toBe(endOfTokyoDay("2026-02-14"));
    expect(requestDeadline(received, false, null).toISOString()).toBe(endOfTokyoDay("2026-02-14"));
  });

  it("counts the days of the shop's calendar: a request received just after midnight in Tokyo belongs to that Tokyo day", () => {
    // 00:30 on 1 February in Tokyo is still 31 January in UTC.
    const justAfterMidnight = new Date("2026-01-31T15:30:00Z");
    expect(requestDeadline(justAfterMidnight, false).toISOString()).toBe(endOfTokyoDay("2026-02-15"));
    // 23:30 on 31 January in Tokyo.
    const justBeforeMidnight = new Date("2026-01-31T14:30:00Z");
    expect(requestDeadline(justBeforeMidnight, false).toISOString()).toBe(endOfTokyoDay("2026-02-14"));
    // The same instant in a shop in New York is 31 January there, due at the end of 14 February New York time.
    expect(requestDeadline(justAfterMidnight, false, { dueDays: 14, euDueDays: 30, timeZone: "America/New_York" }).toISOString()).toBe(
      "2026-02-15T04:59:59.999Z",
    );
  });

  it("keeps UTC calendar months for Shopify's own schedules, clamping to the month's end", () => {
    expect(addMonths(received, 1).toISOString()).toBe("2026-02-28T09:00:00.000Z");
    expect(addMonths(received, 3).toISOString()).toBe("2026-04-30T09:00:00.000Z");
  });

  it("extends only with a reason, once", () => {
    const subject = { receivedAt: received, dueAt: requestDeadline(received, false), inEu: false };
    const now = new Date(received.getTime() + 2 * DAY);
    expect(() => extendDeadline(subject, { extraDays: 7, reason: "" }, now)).toThrow(RequestInputError);
    expect(() => extendDeadline(subject, { extraDays: 7, reason: "   " }, now)).toThrow(/reason/);
    expect(() => extendDeadline(subject, { extraDays: 0, reason: "Archive retrieval from storage" }, now)).toThrow(/at least 1/);
    expect(() => extendDeadline(subject, { extraDays: 1.5, reason: "Archive retrieval from storage" }, now)).toThrow(/whole number/);
    const extended = extendDeadline(subject, { extraDays: 7, reason: "Archive retrieval from storage" }, now);
    expect(extended.toISOString()).toBe(endOfTokyoDay("2026-02-21"));
    expect(() => extendDeadline({ ...subject, extendedAt: now }, { extraDays: 7, reason: "Once more please" }, now)).toThrow(/already been extended/);
  });

  it("does not extend an APPI request after it fell due or by more than 90 days", () => {
    const subject = { receivedAt: received, dueAt: requestDeadline(received, false), inEu: false };
    const late = new Date(subject.dueAt.getTime() + 1);
    expect(() => extendDeadline(subject, { extraDays: 3, reason: "We were on holiday" }, late)).toThrow(/due date has passed/);
    expect(() => extendDeadline(subject, { extraDays: 91, reason: "Very complex request" }, received)).toThrow(/at most 90 days/);
  });

  it("extends a GDPR request only within the first month, by at most two more months", () => {
    const subject = { receivedAt: received, dueAt: requestDeadline(received, true), inEu: true };
    const inFirstMonth = new Date("2026-02-20T00:00:00Z");
    // Due 2 March; 2 March + 59 days = 30 April, exactly three calendar months after 31 January.
    expect(latestExtendedDeadline(subject).toISOString()).toBe(endOfTokyoDay("2026-04-30"));
    expect(extendDeadline(subject, { extraDays: 59, reason: "Many orders to compile" }, inFirstMonth).toISOString()).toBe(endOfTokyoDay("2026-04-30"));
    expect(() => extendDeadline(subject, { extraDays: 60, reason: "Many orders to compile" }, inFirstMonth)).toThrow(/at most two more months/);
    const afterFirstMonth = new Date("2026-03-01T00:00:00Z");
    expect(() => extendDeadline(subject, { extraDays: 10, reason: "Many orders to compile" }, afterFirstMonth)).toThrow(/within the first month/);
  });

  it("classifies due dates for the dashboard and due-soon notices by calendar days", () => {
    const due = new Date(endOfTokyoDay("2026-02-10"));
    expect(deadlineState(due, new Date("2026-02-10T15:00:00Z"))).toBe("overdue");
    expect(deadlineState(due, new Date("2026-02-10T14:59:59Z"))).toBe("due_soon");
    // 7 February 00:00 in Tokyo: 3 days left, inside a 3-day window.
    expect(deadlineState(due, new Date("2026-02-06T15:00:00Z"))).toBe("due_soon");
    expect(deadlineState(due, new Date("2026-02-06T14:59:59Z"))).toBe("on_track");
  });

  it("shows 14 days left on the day a 14-day request arrives, and 2 for a deadline the day after tomorrow, at any hour", () => {
    for (const arrival of ["2026-03-09T15:00:00Z", "2026-03-10T03:00:00Z", "2026-03-10T14:59:59Z"]) {
      const at = new Date(arrival);
      expect(daysLeft(requestDeadline(at, false), at)).toBe(14);
    }
    const due = new Date(endOfTokyoDay("2026-03-12"));
    expect(daysLeft(due, new Date("2026-03-09T15:00:00Z"))).toBe(2);
    expect(daysLeft(due, new Date("2026-03-10T14:59:59Z"))).toBe(2);
    expect(daysLeft(due, new Date("2026-03-10T15:00:00Z"))).toBe(1);
    expect(daysLeft(due, new Date("2026-03-12T14:59:59Z"))).toBe(0);
    expect(daysLeft(due, new Date("2026-03-12T15:00:00Z"))).toBe(-1);
  });
});
