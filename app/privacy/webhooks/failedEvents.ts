// What the merchant sees of the inbox: events that exhausted their retries, never their payloads.
import type { Db } from "../../db.factory";
import { requeueFailedEvent } from "./worker";

export interface FailedEventRow {
  id: string;
  topic: string;
  receivedAt: string;
  attempts: number;
  errorKind: string;
}

export const FAILED_EVENTS_PAGE_SIZE = 50;

export async function countFailedEvents(db: Db, shop: string): Promise<number> {
  return db.webhookEvent.count({ where: { shop, status: "failed" } });
}

export async function listFailedEvents(db: Db, shop: string, limit = FAILED_EVENTS_PAGE_SIZE): Promise<FailedEventRow[]> {
  const rows = await db.webhookEvent.findMany({
    where: { shop, status: "failed" },
    orderBy: { receivedAt: "desc" },
    take: limit,
    select: { id: true, topic: true, receivedAt: true, attempts: true, lastError: true },
  });
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    receivedAt: row.receivedAt.toISOString(),
    attempts: row.attempts,
    errorKind: row.lastError ?? "",
  }));
}

/** A merchant's retry; false when the id is not a failed event of this shop. */
export const retryFailedEvent = requeueFailedEvent;
