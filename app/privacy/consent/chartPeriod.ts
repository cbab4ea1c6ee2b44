// The window of the consent page's chart: bars per day over 30 days, per week over 12 weeks, or per
// month over a year, ending with today (UTC) so today's choices are in the last bar.
import type { Granularity } from "./consentQueries";

const PERIODS: Record<string, { granularity: Granularity; span: number }> = {
  day: { granularity: "day", span: 30 },
  week: { granularity: "week", span: 12 * 7 },
  month: { granularity: "month", span: 365 },
};

const DAY_MS = 86_400_000;

export interface ChartWindow {
  /** The period shown; an unknown one falls back to days. */
  period: string;
  granularity: Granularity;
  /** Query bounds: `from` inclusive, `to` (the start of tomorrow) exclusive. */
  from: Date;
  to: Date;
  /** The calendar days shown, as YYYY-MM-DD. */
  range: { from: string; to: string };
}

export function chartWindow(periodKey: string | null, now: Date): ChartWindow {
  const period = periodKey !== null && Object.hasOwn(PERIODS, periodKey) ? periodKey : "day";
  const { granularity, span } = PERIODS[period];
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const to = new Date(today.getTime() + DAY_MS);
  const from = new Date(to.getTime() - span * DAY_MS);
  return { period, granularity, from, to, range: { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) } };
}
