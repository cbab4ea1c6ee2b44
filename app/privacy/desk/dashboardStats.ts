// The dashboard's figures for one shop. Weeks and months are counted in the shop's time zone
// (Japan by default, the client's) so "this month" starts at midnight where the staff are.
import type { Db } from "../../db.factory";
import { dueSoonLimit } from "../requests/deadlines";
import { OPEN_STATUSES, REQUEST_TYPES, type RequestType } from "../requests/requestTypes";

const DAY_MS = 24 * 60 * 60 * 1000;
export const JAPAN_OFFSET_MINUTES = 9 * 60;
export const CHART_WEEKS = 12;

export interface WeekBucket {
  /** Monday 00:00 local time of the week, as an instant. */
  start: Date;
  counts: Record<RequestType, number>;
  total: number;
}

export interface DashboardStats {
  open: number;
  dueSoon: number;
  overdue: number;
  completedThisMonth: number;
  dueSoonDays: number;
  weeks: WeekBucket[];
}

/** Start of the local calendar month containing `now`, as an instant. */
export function monthStart(now: Date, offsetMinutes = JAPAN_OFFSET_MINUTES): Date {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offsetMinutes * 60_000);
}

/** Start (Monday 00:00 local) of the local week containing `now`, as an instant. */
export function weekStart(now: Date, offsetMinutes = JAPAN_OFFSET_MINUTES): Date {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return new Date(midnight - sinceMonday * DAY_MS - offsetMinutes * 60_000);
}

const emptyCounts = () => Object.fromEntries(REQUEST_TYPES.map((type) => [type, 0])) as Record<RequestType, number>;

export async function dashboardStats(
  db: Db,
  shop: string,
  options: { now?: Date; dueSoonDays?: number; offsetMinutes?: number; timeZone?: string } = {},
): Promise<DashboardStats> {
  const now = options.now ?? new Date();
  const dueSoonDays = options.dueSoonDays ?? 3;
  const open = { shop, status: { in: [...OPEN_STATUSES] } };
  const firstWeek = new Date(weekStart(now, options.offsetMinutes).getTime() - (CHART_WEEKS - 1) * 7 * DAY_MS);
  const weekStarts = Array.from({ length: CHART_WEEKS }, (_, index) => new Date(firstWeek.getTime() + index * 7 * DAY_MS));

  const [openCount, dueSoon, overdue, completedThisMonth, ...weekly] = await Promise.all([
    db.privacyRequest.count({ where: open }),
    db.privacyRequest.count({ where: { ...open, dueAt: { gte: now, lte: dueSoonLimit(now, dueSoonDays, options.timeZone) } } }),
    db.privacyRequest.count({ where: { ...open, dueAt: { lt: now } } }),
    db.privacyRequest.count({
      where: { shop, status: "completed", closedAt: { gte: monthStart(now, options.offsetMinutes) } },
    }),
    // One grouped count per week: each walks the (shop, receivedAt) index over that week only.
    ...weekStarts.map((start) =>
      db.privacyRequest.groupBy({
        by: ["type"],
        where: { shop, receivedAt: { gte: start, lt: new Date(start.getTime() + 7 * DAY_MS) } },
        _count: { _all: true },
      }),
    ),
  ]);

  const weeks = weekStarts.map((start, index) => {
    const counts = emptyCounts();
    let total = 0;
    for (const group of weekly[index] as Array<{ type: string; _count: { _all: number } }>) {
      if (group.type in counts) {
        counts[group.type as RequestType] = group._count._all;
        total += group._count._all;
      }
    }
    return { start, counts, total };
  });
  return { open: openCount, dueSoon, overdue, completedThisMonth, dueSoonDays, weeks };
}
