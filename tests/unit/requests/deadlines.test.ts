import { describe, expect, it } from "vitest";
import {
  addMonths,
  deadlineState,
  extendDeadline,
  latestExtendedDeadline,
  requestDeadline,
} from "../../../app/privacy/requests/deadlines";
import { RequestInputError } from "../../../app/privacy/requests/requestTypes";

const DAY = 24 * 60 * 60 * 1000;
const received = new Date("2026-01-31T09:00:00Z");

describe("request deadlines", () => {
  it("defaults to 14 days (APPI art. 39) and 30 days for EU shoppers", () => {
    expect(requestDeadline(received, false).getTime() - received.getTime()).toBe(14 * DAY);
    expect(requestDeadline(received, true).getTime() - received.getTime()).toBe(30 * DAY);
  });

  it("follows the shop's settings and ignores nonsense values", () => {
    expect(requestDeadline(received, false, { dueDays: 7, euDueDays: 20 }).getTime() - received.getTime()).toBe(7 * DAY);
    expect(requestDeadline(received, true, { dueDays: 7, euDueDays: 20 }).getTime() - received.getTime()).toBe(20 * DAY);
    expect(requestDeadline(received, false, { dueDays: 0 }).getTime() - received.getTime()).toBe(14 * DAY);
    expect(requestDeadline(received, false, null).getTime() - received.getTime()).toBe(14 * DAY);
  });

  it("counts calendar months like GDPR, clamping to the month's end", () => {
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
    expect(extended.getTime() - subject.dueAt.getTime()).toBe(7 * DAY);
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
    // 30 days + 59 days = 2026-04-30 09:00, exactly three calendar months after receipt.
    expect(latestExtendedDeadline(subject).toISOString()).toBe("2026-04-30T09:00:00.000Z");
    expect(extendDeadline(subject, { extraDays: 59, reason: "Many orders to compile" }, inFirstMonth).toISOString()).toBe("2026-04-30T09:00:00.000Z");
    expect(() => extendDeadline(subject, { extraDays: 60, reason: "Many orders to compile" }, inFirstMonth)).toThrow(/at most two more months/);
    const afterFirstMonth = new Date("2026-03-01T00:00:00Z");
    expect(() => extendDeadline(subject, { extraDays: 10, reason: "Many orders to compile" }, afterFirstMonth)).toThrow(/within the first month/);
  });

  it("classifies due dates for the dashboard and due-soon notices", () => {
    const due = new Date("2026-02-10T00:00:00Z");
    expect(deadlineState(due, new Date("2026-02-10T00:00:01Z"))).toBe("overdue");
    expect(deadlineState(due, new Date("2026-02-08T00:00:00Z"))).toBe("due_soon");
    expect(deadlineState(due, new Date("2026-02-01T00:00:00Z"))).toBe("on_track");
  });
});
