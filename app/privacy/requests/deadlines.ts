// When a request must be answered, and when that date may move.
//
// APPI sets no number of days for answering (art. 33-35 say "without delay"), but art. 39 lets
// the person sue once two weeks have passed since the request reached the business, so 14 days
// is the default due date: answer before the person may go to court. GDPR art. 12(3) gives one
// month, extendable by two more months when the person is told why within the first month; the
// app uses euDueDays (30 by default) when the shopper says they are in the EU.
// Dates are days on the shop's calendar (shopTime.ts): a request received on the 1st with 14 days is
// due at the end of the 15th in the shop's time zone, and shows "14 days left" on the day it came.
import { RequestInputError } from "./requestTypes";
import { calendarDaysBetween, DEFAULT_SHOP_TIME_ZONE, endOfDayAfter, endOfDayMonthsAfter, shopTimeZone } from "../shopTime";

export interface DeadlineSettings {
  dueDays: number;
  euDueDays: number;
  /** The shop's IANA time zone; Asia/Tokyo when unset. */
  timeZone?: string | null;
}

export const DEFAULT_DEADLINES: DeadlineSettings & { dueSoonDays: number } = { dueDays: 14, euDueDays: 30, dueSoonDays: 3, timeZone: DEFAULT_SHOP_TIME_ZONE };

const DAY_MS = 24 * 60 * 60 * 1000;
/** APPI has no statutory ceiling; this bound keeps a typo from parking a request for years. */
export const MAX_APPI_EXTENSION_DAYS = 90;
export const GDPR_EXTENSION_MONTHS = 2;
export const MIN_EXTENSION_REASON = 5;

/** Elapsed time, for durations that are not deadlines (Shopify's erasure delay, query windows). */
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** Calendar months in UTC, for Shopify's own schedules (its 6-month hold before an erasure). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

function positiveDays(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The initial due date of a request received at `receivedAt`: the end of that calendar day. */
export function requestDeadline(
  receivedAt: Date,
  inEu: boolean,
  settings: Partial<DeadlineSettings> | null | undefined = DEFAULT_DEADLINES,
): Date {
  const days = inEu
    ? positiveDays(settings?.euDueDays, DEFAULT_DEADLINES.euDueDays)
    : positiveDays(settings?.dueDays, DEFAULT_DEADLINES.dueDays);
  return endOfDayAfter(receivedAt, days, shopTimeZone(settings?.timeZone));
}

export interface ExtensionSubject {
  receivedAt: Date;
  dueAt: Date;
  inEu: boolean;
  extendedAt?: Date | null;
}

export interface ExtensionInput {
  /** Days added to the current due date. */
  extraDays: number;
  reason: string;
}

/** The latest date to which a request may be extended (GDPR: three months after receipt). */
export function latestExtendedDeadline(subject: ExtensionSubject, timeZone: string = DEFAULT_SHOP_TIME_ZONE): Date {
  return subject.inEu
    ? endOfDayMonthsAfter(subject.receivedAt, 1 + GDPR_EXTENSION_MONTHS, timeZone)
    : endOfDayAfter(subject.dueAt, MAX_APPI_EXTENSION_DAYS, timeZone);
}

/** The last moment an extension may be decided (GDPR: within the first month). */
export function extensionWindowEnd(subject: ExtensionSubject, timeZone: string = DEFAULT_SHOP_TIME_ZONE): Date {
  return subject.inEu ? endOfDayMonthsAfter(subject.receivedAt, 1, timeZone) : subject.dueAt;
}

/**
 * Validates an extension and returns the new due date. One extension per request, always with a
 * reason (it is recorded on the timeline and told to the person), decided before the window ends.
 */
export function extendDeadline(subject: ExtensionSubject, input: ExtensionInput, now = new Date(), timeZone: string = DEFAULT_SHOP_TIME_ZONE): Date {
  const reason = typeof input.reason === "string" ? input.reason.trim() : "";
  if (reason.length < MIN_EXTENSION_REASON) {
    throw new RequestInputError("An extension needs a reason that will be told to the person", "reason");
  }
  if (!Number.isInteger(input.extraDays) || input.extraDays < 1) {
    throw new RequestInputError("The extension must be a whole number of days, at least 1", "extraDays");
  }
  if (subject.extendedAt) throw new RequestInputError("This request has already been extended once", "extraDays");
  if (now.getTime() > extensionWindowEnd(subject, timeZone).getTime()) {
    throw new RequestInputError(
      subject.inEu
        ? "GDPR allows an extension only within the first month after the request was received"
        : "The due date has passed; an extension must be decided before it",
      "extraDays",
    );
  }
  const newDueAt = endOfDayAfter(subject.dueAt, input.extraDays, timeZone);
  if (newDueAt.getTime() > latestExtendedDeadline(subject, timeZone).getTime()) {
    throw new RequestInputError(
      subject.inEu
        ? "GDPR allows at most two more months after the first month"
        : `An extension may add at most ${MAX_APPI_EXTENSION_DAYS} days`,
      "extraDays",
    );
  }
  return newDueAt;
}

/** Calendar days left until the due date: 0 on the due date itself, negative once it has passed. */
export const daysLeft = (dueAt: Date, now: Date, timeZone: string = DEFAULT_SHOP_TIME_ZONE) => calendarDaysBetween(now, dueAt, timeZone);

/** The end of the last day counted as "due soon": requests due up to then are due within `days` days. */
export const dueSoonLimit = (now: Date, days: number, timeZone: string = DEFAULT_SHOP_TIME_ZONE) => endOfDayAfter(now, days, timeZone);

/** The due-soon / overdue view used by dashboards and the due-soon notice. */
export function deadlineState(
  dueAt: Date,
  now: Date,
  dueSoonDays = DEFAULT_DEADLINES.dueSoonDays,
  timeZone: string = DEFAULT_SHOP_TIME_ZONE,
): "overdue" | "due_soon" | "on_track" {
  if (dueAt.getTime() < now.getTime()) return "overdue";
  if (daysLeft(dueAt, now, timeZone) <= dueSoonDays) return "due_soon";
  return "on_track";
}
