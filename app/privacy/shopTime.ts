// Calendar days as the shop's people count them. A deadline "in 14 days" is a date on the shop's
// calendar, and it lasts until that date's midnight in the shop's time zone; "days left" is the
// number of midnights between today and that date there, not elapsed hours divided by 24 (which
// shows 13 for a request received this morning and flips to "overdue" mid-afternoon of the due date).

/** Shopify's own default for a Japanese shop, and the time zone of our first merchant. */
export const DEFAULT_SHOP_TIME_ZONE = "Asia/Tokyo";

const DAY_MS = 24 * 60 * 60 * 1000;

// Names found valid, so a check costs a look-up rather than building a formatter (the worker asks
// for every request it opens). Only valid names are kept: at most the few hundred IANA zones.
const validTimeZones = new Set<string>();

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || !value || value.length > 64) return false;
  if (validTimeZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    validTimeZones.add(value);
    return true;
  } catch {
    return false;
  }
}

/** The time zone to use for a shop: its own when it is a valid IANA name, the default otherwise. */
export const shopTimeZone = (value: string | null | undefined): string => (isTimeZone(value) ? value : DEFAULT_SHOP_TIME_ZONE);

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: Date, timeZone: string) {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The date on the shop's calendar at `instant`. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
}

/** Days since the epoch of a calendar date, for differences between dates. */
const dayNumber = ({ year, month, day }: LocalDate) => Math.round(Date.UTC(year, month - 1, day) / DAY_MS);

function fromDayNumber(days: number): LocalDate {
  const date = new Date(days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The first instant of the calendar date in the zone (local midnight; DST-safe). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let guess = wall - zoneOffset(wall, timeZone);
  // A second pass settles a guess that landed on the other side of an offset change.
  guess = wall - zoneOffset(guess, timeZone);
  return new Date(guess);
}

/** The last millisecond of the calendar date in the zone: a deadline "on" that date. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  const next = fromDayNumber(dayNumber(date) + 1);
  return new Date(startOfLocalDay(next, timeZone).getTime() - 1);
}

/** The end of the day `days` calendar days after the day of `instant`, on the shop's calendar. */
export function endOfDayAfter(instant: Date, days: number, timeZone: string): Date {
  return endOfLocalDay(fromDayNumber(dayNumber(localDate(instant, timeZone)) + days), timeZone);
}

/** The end of the day `months` calendar months later; the 31st plus one month is the month's last day. */
export function endOfDayMonthsAfter(instant: Date, months: number, timeZone: string): Date {
  const { year, month, day } = localDate(instant, timeZone);
  const monthIndex = month - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return endOfLocalDay({ year: targetYear, month: targetMonth + 1, day: Math.min(day, lastDay) }, timeZone);
}

/**
 * Calendar days from the day of `from` to the day of `to` in the zone: 0 on the same date, 2 for
 * the day after tomorrow, negative when `to` is an earlier date.
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  return dayNumber(localDate(to, timeZone)) - dayNumber(localDate(from, timeZone));
}
