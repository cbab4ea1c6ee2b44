// The request's audit trail. Every change is one appended row: who (actor), when (at) and what
// (action + a small JSON detail). Details name fields and decisions, not the person's data.
import type { DeskDb } from "./deskSettings";

export const TIMELINE_ACTIONS = [
  "received",
  "status_changed",
  "identity_verified",
  "identity_link_sent",
  "customer_match_confirmed",
  "customer_matches_proposed",
  "deadline_extended",
  "note_added",
  "agent_updated",
  "disclosure_started",
  "disclosure_ready",
  "disclosure_failed",
  "correction_applied",
  "stop_use_applied",
  "erasure_requested",
  "erasure_cancelled",
  "refused",
  "completed",
  "withdrawn",
  "notice_queued",
  "due_soon_notified",
  "disclosure_downloaded",
  "delivery_prepared",
  "delivery_code_sent",
  "delivery_sent",
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export interface TimelineEntry {
  shop: string;
  requestId: string;
  actor: string;
  action: TimelineAction;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** The row appendRequestEvent writes, not yet written. */
export function timelineRow(entry: TimelineEntry) {
  if (!entry.actor?.trim()) throw new Error("a timeline event needs an actor");
  return {
    shop: entry.shop,
    requestId: entry.requestId,
    actor: entry.actor,
    action: entry.action,
    detail: JSON.stringify(entry.detail ?? {}),
    ...(entry.at ? { at: entry.at } : {}),
  };
}

export async function appendRequestEvent(db: DeskDb, entry: TimelineEntry) {
  return db.requestEvent.create({ data: timelineRow(entry) });
}

export async function requestTimeline(db: DeskDb, shop: string, requestId: string) {
  const rows = await db.requestEvent.findMany({ where: { shop, requestId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((row) => ({ ...row, detail: parseDetail(row.detail) }));
}

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const value = JSON.parse(detail);
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}
