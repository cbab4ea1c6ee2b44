// Registers the webhook inbox worker with the app's background work, and wires the acknowledgement
// path's wake-up signal to it.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { isMainThread } from "node:worker_threads";
import db, { databaseProvider } from "./db.server";
import { acknowledgementFloor, acknowledgementsPending, activityGeneration, msSinceAcknowledgement, recentAcknowledgementMs, waitForActivity, workerWorking } from "./background.signals";
import { registerBackgroundLoop } from "./background.server";
import { errorKind, log } from "./log.server";
import { loopFailureLog } from "./log.loopFailures.server";
import { msSinceInboxActivity, onInboxActivity } from "./privacy/webhooks/inbox";
import { acknowledgementsFirst, EVENTS_PER_TRANSACTION, LEASE_MS, WebhookWorker, yieldToEventLoop, type Pace } from "./privacy/webhooks/worker";
import { batchFallbackFields } from "./privacy/webhooks/worker";
import { postgresReclaim } from "./privacy/webhooks/lifecycleHandlers";
import { pacingFromEnv, restAfterWork } from "./privacy/webhooks/pacing";
import "./privacy/webhooks/dataRequestHandler";
import "./privacy/consent/consentWebhooks";

const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * How the worker shares the machine with acknowledgements (docs/webhooks.md). On SQLite each of
 * its transactions holds the write lock that an acknowledgement's insert needs: while deliveries
 * are arriving (or one waits for the lock) a transaction lasts about 10 ms and the waiting insert
 * is let in between two (db.sqliteConnection.ts); with nothing arriving, longer ones commit less
 * often. PostgreSQL's transactions lock only their rows. On either, the worker's thread, the
 * thread that answers HTTP and the senders share two cores: while acknowledgements are slower
 * than those measured while the worker rested (the floor, pacing.ts), it rests after each
 * transaction so that it works WEBHOOK_WORKER_BUSY_SHARE of the time; within the floor's
 * tolerance it does not rest, and so uses what CPU the acknowledgements leave.
 */
const SHORT_TRANSACTION_MS = 10;
const LONG_TRANSACTION_MS = 50;
const pacing = pacingFromEnv(process.env);
const deliveriesArriving = () => acknowledgementsPending() || msSinceAcknowledgement() < 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How many events one claim takes. Each shop's erasures in a claim share one set of statements,
 * so on PostgreSQL, where the worker's time is mostly Prisma's per-statement work, a larger claim
 * costs less per event: 1,000 drained 612-896/s while 1,000 deliveries/s arrived, 200 drained
 * 420-609/s in the same runs (docs/benchmarks-backlog.md). On SQLite each transaction is cut to
 * the pace's time anyway and 200 already exceeded the rate.
 */
const CLAIM_BATCH_SIZE = { sqlite: 200, postgresql: 1_000 } as const;

const pace: Pace = {
  eventsPerTransaction: Number(process.env.WEBHOOK_WORKER_EVENTS_PER_TRANSACTION || EVENTS_PER_TRANSACTION),
  transactionMs: () => (databaseProvider() === "sqlite" && deliveriesArriving() ? SHORT_TRANSACTION_MS : LONG_TRANSACTION_MS),
  async rest(workedMs) {
    const floor = acknowledgementFloor();
    const restMs = restAfterWork(workedMs, { arriving: deliveriesArriving(), recentMs: recentAcknowledgementMs(), floorMs: floor.ms, floorAgeMs: floor.ageMs }, pacing);
    if (restMs > 0) {
      workerWorking(false);
      await sleep(restMs);
      workerWorking(true);
    }
    await yieldToEventLoop();
  },
};

// The loop polls every few seconds and is woken by each delivery: while the database is
// unreachable, a line a minute rather than one per poll.
const loopFailures = loopFailureLog({ failed: "webhook.worker_error", recovered: "webhook.worker_recovered" });

const worker = new WebhookWorker(db, {
  pace,
  onWorking: workerWorking,
  workerId,
  pollMs: Number(process.env.WEBHOOK_WORKER_POLL_MS || 5_000),
  batchSize: Number(process.env.WEBHOOK_WORKER_BATCH_SIZE || CLAIM_BATCH_SIZE[databaseProvider()]),
  // Operational knob (and the crash test's): how soon the events a killed process had claimed
  // are taken over. Longer than any batch's transaction can last (60 s).
  leaseMs: Number(process.env.WEBHOOK_WORKER_LEASE_MS || LEASE_MS),
  // The worker gives way to acknowledgements on SQLite when both share one connection (one thread).
  // In its own thread it has its own connection and shares only the write lock, for which the HTTP
  // thread's waiting statements go first (db.sqliteConnection.ts).
  beforeClaim: databaseProvider() === "sqlite" && isMainThread ? acknowledgementsFirst(() => msSinceInboxActivity()) : undefined,
  onResult(event, result) {
    const fields = { eventId: event.id, topic: event.topic, attempts: event.attempts, errorKind: result.error };
    if (result.outcome === "done") log.info("webhook.processed", fields);
    else log.warn(result.outcome === "failed" ? "webhook.failed" : "webhook.retry", fields);
  },
  onLoopError: loopFailures.failed,
  onLoopSucceeded: loopFailures.succeeded,
  onBatchFallback: (fallback) => log.warn("webhook.batch_fallback", batchFallbackFields(fallback)),
});

postgresReclaim.onError = (error) => log.error("erasure.reclaim_failed", { errorKind: errorKind(error) });

let unsubscribe: (() => void) | null = null;

/** In the background thread: wakes the worker when the HTTP thread commits a delivery. */
function watchOtherThread(wake: () => void): () => void {
  let watching = true;
  void (async () => {
    let seen = activityGeneration();
    while (watching) {
      if ((await waitForActivity(seen, 1_000)) === "stopping") return;
      const now = activityGeneration();
      if (now !== seen && watching) wake();
      seen = now;
    }
  })();
  return () => {
    watching = false;
  };
}
let delay: ReturnType<typeof setTimeout> | null = null;

registerBackgroundLoop({
  name: "webhook-inbox",
  start() {
    // Operational knob (and the crash test's window): WEBHOOK_WORKER_START_DELAY_MS holds the worker
    // back after start-up while acknowledgements are already being committed.
    const startDelay = Number(process.env.WEBHOOK_WORKER_START_DELAY_MS || 0);
    const begin = () => {
      delay = null;
      unsubscribe = isMainThread ? onInboxActivity(() => worker.wake()) : watchOtherThread(() => worker.wake());
      worker.start();
    };
    if (startDelay > 0) delay = setTimeout(begin, startDelay);
    else begin();
  },
  async stop() {
    if (delay) clearTimeout(delay);
    unsubscribe?.();
    await worker.stop();
    // What the last erasures left for PostgreSQL's VACUUM is not left to a timer that will not run.
    await postgresReclaim.flush();
  },
});
