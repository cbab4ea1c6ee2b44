// The durable inbox: a verified delivery is committed here before Shopify gets its 2xx, and the
// worker processes it afterwards. The delivery key makes Shopify's retries harmless.
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "../../db.factory";
import type { VerifiedDelivery } from "./verify";

export type AcceptOutcome = "accepted" | "duplicate";

/** X-Shopify-Webhook-Id, or (for a delivery without one) a digest that a byte-identical retry repeats. */
export function deliveryKey(delivery: Pick<VerifiedDelivery, "webhookId" | "topic" | "body">): string {
  if (delivery.webhookId) return `id:${delivery.webhookId}`;
  return `sha256:${createHash("sha256").update(delivery.topic).update("\u0000").update(delivery.body).digest("hex")}`;
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "P2002";

interface Pending {
  key: string;
  delivery: VerifiedDelivery;
  resolve: (outcome: AcceptOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Commits deliveries, grouping those that arrive in the same event-loop turn into one transaction:
 * a commit is the expensive part of an acknowledgement, and a burst of deliveries then shares it.
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

  private row(item: Pending) {
    const { delivery } = item;
    return {
      id: randomUUID(),
      deliveryKey: item.key,
      shop: delivery.shop,
      topic: delivery.topic,
      apiVersion: delivery.apiVersion,
      payload: delivery.body,
    };
  }

  private async flush() {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length === 1) return this.acceptOne(batch[0]);
    try {
      const outcomes = await this.db.$transaction(async (tx) => {
        const keys = [...new Set(batch.map((item) => item.key))];
        const existing = await tx.webhookEvent.findMany({ where: { deliveryKey: { in: keys } }, select: { deliveryKey: true } });
        const seen = new Set(existing.map((row) => row.deliveryKey));
        const fresh: Pending[] = [];
        const result = batch.map((item) => {
          if (seen.has(item.key)) return "duplicate" as const;
          seen.add(item.key);
          fresh.push(item);
          return "accepted" as const;
        });
        if (fresh.length) await tx.webhookEvent.createMany({ data: fresh.map((item) => this.row(item)) });
        return result;
      });
      batch.forEach((item, index) => item.resolve(outcomes[index]));
    } catch {
      // Another instance committed one of these keys meanwhile (PostgreSQL): settle them one by one.
      for (const item of batch) await this.acceptOne(item);
    }
  }

  private async acceptOne(item: Pending) {
    try {
      await this.db.webhookEvent.create({ data: this.row(item) });
      item.resolve("accepted");
    } catch (error) {
      if (isUniqueViolation(error)) item.resolve("duplicate");
      else item.reject(error);
    }
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();
let lastActivityAt = Number.NEGATIVE_INFINITY;

/** Milliseconds since the last acknowledged delivery, for the worker to give way to a burst. */
export function msSinceInboxActivity(now = performance.now()): number {
  return now - lastActivityAt;
}

/** In-process signal: an acknowledged delivery wakes the worker instead of waiting for its poll. */
export function onInboxActivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signalInboxActivity(): void {
  lastActivityAt = performance.now();
  for (const listener of listeners) listener();
}
