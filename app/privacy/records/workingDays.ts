// Japanese statutory deadlines. The PPC guideline (通則編 3-5-3-4) counts the day the business
// learned of the matter as day 1, and when the last day is a Saturday, Sunday, national holiday or
// falls in the year-end closure (12/29-1/3, 行政機関の休日) the deadline is the next working day.
// Days are Tokyo calendar days whatever the server's time zone.
import holidayJp from "@holiday-jp/holiday_jp";

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "YYYY-MM-DD" of the Tokyo calendar day an instant falls on. */
export function tokyoDateString(instant: Date): string {
  return new Date(instant.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant (23:59:59.999 Tokyo) of a Tokyo calendar day. */
export function endOfTokyoDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - TOKYO_OFFSET_MS + DAY_MS - 1);
}

function addCalendarDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export type NonWorkingReason = "weekend" | "holiday" | "year_end_closure";

export function nonWorkingReason(day: string): NonWorkingReason | null {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return "weekend";
  if (holidayJp.isHoliday(day)) return "holiday";
  const monthDay = day.slice(5);
  if (monthDay >= "12-29" || monthDay <= "01-03") return "year_end_closure";
  return null;
}

export function isJapaneseWorkingDay(day: string): boolean {
  return nonWorkingReason(day) === null;
}

/** The first working day on or after `day`. */
export function nextWorkingDay(day: string): string {
  let current = day;
  while (!isJapaneseWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

/**
 * The deadline "within `days` days" of `start`, start day counted as day 1, moved to the next
 * working day when it lands on a day government offices are closed. Returned as the end of that
 * Tokyo day.
 */
export function japaneseDeadline(start: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError("days must be a positive whole number");
  const lastDay = addCalendarDays(tokyoDateString(start), days - 1);
  return endOfTokyoDay(nextWorkingDay(lastDay));
}
