// Shared steps of the webhook integration tests: deliver signed webhooks to the built app and wait
// for the inbox to settle.
import { expect } from "vitest";
import { TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedWebhook, webhookPath, type WebhookDelivery } from "../support/webhooks";
import type { Db } from "../../app/db.factory";

export async function deliver(app: RunningApp, delivery: Omit<WebhookDelivery, "secret"> & { secret?: string }, change?: (headers: Record<string, string>) => void) {
  const signed = signedWebhook({ secret: TEST_API_SECRET, ...delivery });
  change?.(signed.headers);
  const response = await fetch(`${app.url}${webhookPath(delivery.topic)}`, { method: "POST", headers: signed.headers, body: signed.body });
  await response.arrayBuffer();
  return { status: response.status, webhookId: signed.headers["X-Shopify-Webhook-Id"], signed };
}

export async function postRaw(app: RunningApp, path: string, init: RequestInit) {
  const response = await fetch(`${app.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, text };
}

/** Waits until no event is pending or being processed (the worker runs in the app process). */
export async function waitForInbox(db: Db, expectedDone?: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db.webhookEvent.count({ where: { status: { in: ["pending", "processing"] } } });
    const done = await db.webhookEvent.count({ where: { status: "done" } });
    if (open === 0 && (expectedDone === undefined || done >= expectedDone)) return;
    if (Date.now() > deadline) {
      const rows = await db.webhookEvent.findMany({ select: { topic: true, status: true, attempts: true, lastError: true } });
      expect.fail(`inbox did not settle: ${JSON.stringify(rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the worker's log of `count` processed events of `topic` (logged after any post-commit clean-up). */
export async function waitForProcessedLog(app: RunningApp, topic: string, count: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const processed = () =>
    app
      .output()
      .split("\n")
      .filter((line) => line.includes('"event":"webhook.processed"') && line.includes(`"topic":"${topic}"`)).length;
  while (processed() < count) {
    if (Date.now() > deadline) expect.fail(`expected ${count} processed ${topic} events, saw ${processed()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
