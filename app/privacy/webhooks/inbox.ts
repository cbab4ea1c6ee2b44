// The durable inbox: a verified delivery is committed here before Shopify gets its 2xx, and the
// worker processes it afterwards. The delivery key makes Shopify's retries harmless.
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "../../db.factory";
import { DATETIME, directSql, TEXT } from "../../db.directSql";
import { deliverySubjectKey } from "../dataSubject";
import type { VerifiedDelivery } from "./verify";
import { acknowledgementEnded, acknowledgementStarted, bumpActivity, msSinceAcknowledgement } from "../../background.signals";

export type AcceptOutcome = "accepted" | "duplicate";

/**
 * X-Shopify-Webhook-Id with a digest of Shopify's signature of the body, or (for a delivery without
 * an id) the digest alone: a retry repeats both. The id alone is not enough, because it is not
 * signed: any captured delivery sent first under the id of one Shopify has still to retry (one the
 * app could not store) would make that retry a duplicate, acknowledged and never stored. The
 * signature's digest tells the bodies apart without hashing them (cheap at any size) and, unlike a
 * digest of the body, says nothing about a person's data once the payload is erased.
 */
export function deliveryKey(delivery: Pick<VerifiedDelivery, "webhookId" | "signature">): string {
  const digest = createHash("sha256").update(delivery.signature).digest("hex");
  if (delivery.webhookId) return `id:${delivery.webhookId}:${digest}`;
  return `sig:${digest}`;
}

interface Pending {
  key: string;
  delivery: VerifiedDelivery;
  resolve: (outcome: AcceptOutcome) => void;
  reject: (error: unknown) => void;
}

const INBOX_COLUMN_TYPES = [TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, DATETIME, DATETIME];
// 9 parameters a row: well inside SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_STATEMENT = 500;

/**
 * Commits deliveries, grouping those that arrive in the same event-loop turn into one statement:
 * a commit is the expensive part of an acknowledgement, and a burst of deliveries then shares it.
 * The statement is a single INSERT ... ON CONFLICT DO NOTHING RETURNING, on both databases: it is
 * atomic without an interactive transaction, and a retry's key that is already stored (or that
 * another instance stores at the same moment) is simply not returned. It goes to the driver
 * directly (db.directSql.ts): through Prisma, copying the payload in and out of its query
 * compiler was the largest single cost of an acknowledgement (docs/webhooks.md).
 */
export class WebhookInbox {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  accept(delivery: VerifiedDelivery): Promise<AcceptOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key: deliveryKey(delivery), delivery, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    for (let start = 0; start < batch.length; start += ROWS_PER_STATEMENT) {
      await this.commit(batch.slice(start, start + ROWS_PER_STATEMENT));
    }
  }

  private async commit(batch: Pending[]) {
    let inserted: Set<string>;
    try {
      const now = new Date();
      const args: unknown[] = [];
      const rows = batch.map(({ key, delivery }) => {
        const first = args.length + 1;
        const subjectKey = deliverySubjectKey(delivery.shop, delivery.topic, delivery.payload);
        args.push(randomUUID(), key, delivery.shop, delivery.topic, delivery.apiVersion, delivery.body, subjectKey, now, now);
        return `(${Array.from({ length: INBOX_COLUMN_TYPES.length }, (_, i) => `$${first + i}`).join(", ")})`;
      });
      const returned = await directSql(this.db).query(
        `INSERT INTO "WebhookEvent" ("id", "deliveryKey", "shop", "topic", "apiVersion", "payload", "subjectKey", "nextAttemptAt", "receivedAt")
         VALUES ${rows.join(", ")}
         ON CONFLICT ("deliveryKey") DO NOTHING
         RETURNING "deliveryKey"`,
        args,
        batch.flatMap(() => INBOX_COLUMN_TYPES),
      );
      inserted = new Set(returned.map(([deliveryKey]) => String(deliveryKey)));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // The first of several same-key deliveries in one batch is the one stored; the rest are retries.
    for (const item of batch) {
      item.resolve(inserted.delete(item.key) ? "accepted" : "duplicate");
    }
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Milliseconds since a delivery was last being acknowledged, for the worker to give way to a
 * burst: zero while one is being read, verified or committed. Read from memory shared with the
 * background thread, so the worker sees the HTTP thread's acknowledgements wherever it runs.
 */
export function msSinceInboxActivity(now = performance.now()): number {
  return msSinceAcknowledgement(performance.timeOrigin + now);
}

/** Runs one acknowledgement, counted as inbox activity from its first byte to its answer. */
export async function acknowledging<T>(work: () => Promise<T>): Promise<T> {
  const restSeen = acknowledgementStarted();
  const started = performance.now();
  try {
    return await work();
  } finally {
    acknowledgementEnded(performance.now() - started, restSeen);
  }
}

/** An acknowledged delivery wakes the worker instead of waiting for its poll (same thread). */
export function onInboxActivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Wakes the worker: a listener in this thread, and a worker waiting in the background thread. */
export function signalInboxActivity(): void {
  for (const listener of listeners) listener();
  bumpActivity();
}
