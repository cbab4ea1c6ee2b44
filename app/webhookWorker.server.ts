// Registers the webhook inbox worker with the app's background work, and wires the acknowledgement
// path's wake-up signal to it.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import db, { databaseProvider } from "./db.server";
import { registerBackgroundLoop } from "./background.server";
import { log } from "./log.server";
import { msSinceInboxActivity, onInboxActivity } from "./privacy/webhooks/inbox";
import { acknowledgementsFirst, WebhookWorker } from "./privacy/webhooks/worker";
import "./privacy/webhooks/lifecycleHandlers";
import "./privacy/webhooks/dataRequestHandler";
import "./privacy/consent/consentWebhooks";

const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

const worker = new WebhookWorker(db, {
  workerId,
  pollMs: Number(process.env.WEBHOOK_WORKER_POLL_MS || 5_000),
  batchSize: Number(process.env.WEBHOOK_WORKER_BATCH_SIZE || 10),
  // The worker gives way to acknowledgements only on SQLite, where both share one connection.
  beforeClaim: databaseProvider() === "sqlite" ? acknowledgementsFirst(() => msSinceInboxActivity()) : undefined,
  onResult(event, result) {
    const fields = { eventId: event.id, topic: event.topic, attempts: event.attempts, errorKind: result.error };
    if (result.outcome === "done") log.info("webhook.processed", fields);
    else log.warn(result.outcome === "failed" ? "webhook.failed" : "webhook.retry", fields);
  },
  onLoopError: (errorKind) => log.error("webhook.worker_error", { errorKind }),
});

let unsubscribe: (() => void) | null = null;
let delay: ReturnType<typeof setTimeout> | null = null;

registerBackgroundLoop({
  name: "webhook-inbox",
  start() {
    // Operational knob (and the crash test's window): WEBHOOK_WORKER_START_DELAY_MS holds the worker
    // back after start-up while acknowledgements are already being committed.
    const startDelay = Number(process.env.WEBHOOK_WORKER_START_DELAY_MS || 0);
    const begin = () => {
      delay = null;
      unsubscribe = onInboxActivity(() => worker.wake());
      worker.start();
    };
    if (startDelay > 0) delay = setTimeout(begin, startDelay);
    else begin();
  },
  async stop() {
    if (delay) clearTimeout(delay);
    unsubscribe?.();
    await worker.stop();
  },
});
