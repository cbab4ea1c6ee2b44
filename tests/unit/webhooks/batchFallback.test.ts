// A transaction of several events that fails is rolled back and its events run one by one: the
// worker reports that fallback (the error's kind and the events' ids, nothing they contain), so a
// batch form that fails on every batch, or claims taken over by another worker, show in the log.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import {
  batchFallbackFields,
  claimEvents,
  processBatch,
  processInTurns,
  WebhookWorker,
  type BatchFallback,
  type ClaimedEvent,
  type ProcessOutcome,
} from "../../../app/privacy/webhooks/worker";
import { registerTopicHandler } from "../../../app/privacy/webhooks/topicHandlers";
import { log } from "../../../app/log.server";
import "../../../app/privacy/webhooks/lifecycleHandlers";
import "../../../app/privacy/webhooks/dataRequestHandler";

const SHOP = "batch-fallback.myshopify.com";
const PERSON = "fallback.person@example.jp";
// A topic of this test only: its batch form fails on a flagged payload, with a message that quotes
// the payload, as a validation error of a real handler may.
const FLAKY = "test/batch_fallback";
const refuse = (payload: unknown) => {
  const { bad, email } = payload as { bad?: boolean; email: string };
  if (bad) throw new TypeError(`cannot read the payload of ${email}`);
};
registerTopicHandler(FLAKY, async (_tx, event) => refuse(event.payload), {
  batch: async (_tx, events) => events.forEach((event) => refuse(event.payload)),
});

describe.each<DatabaseKind>(["sqlite", "postgres"])("batch fallback on %s", (kind) => {
  let database: TestDatabase;
  let sequence = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "batch_fallback");
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await database.db.webhookEvent.deleteMany();
    await database.db.privacyRequest.deleteMany();
  });

  async function enqueue(rows: Array<{ topic: string; payload: unknown }>): Promise<ClaimedEvent[]> {
    const at = Date.parse("2026-12-01T03:00:00Z");
    await database.db.webhookEvent.createMany({
      data: rows.map((row, i) => ({
        deliveryKey: `fallback-${sequence++}`,
        shop: SHOP,
        topic: row.topic,
        payload: JSON.stringify(row.payload),
        receivedAt: new Date(at + i * 1000),
        nextAttemptAt: new Date(at),
      })),
    });
    return claimEvents(database.db, "w", new Date(), 100);
  }

  it("reports a batch that one bad payload rolled back, by the error's kind, and logs nothing personal", async () => {
    const claimed = await enqueue([
      { topic: FLAKY, payload: { email: PERSON } },
      { topic: FLAKY, payload: { email: PERSON, bad: true } },
      { topic: FLAKY, payload: { email: PERSON } },
    ]);
    const fallbacks: BatchFallback[] = [];
    const results = await processBatch(database.db, "w", claimed, undefined, undefined, undefined, (fallback) => fallbacks.push(fallback));
    expect(results.map(({ result }) => result.outcome)).toEqual(["done", "retry", "done"]);
    expect(fallbacks).toEqual([{ topics: [FLAKY], errorKind: "TypeError", eventIds: claimed.map((event) => event.id) }]);

    // As the server logs it (webhookWorker.server.ts): the kind and a count, never the message.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    log.warn("webhook.batch_fallback", batchFallbackFields(fallbacks[0]));
    const line = JSON.parse(warn.mock.calls[0][0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "warn", event: "webhook.batch_fallback", topics: FLAKY, errorKind: "TypeError", events: 3 });
    expect(JSON.stringify(line)).not.toMatch(/@|fallback\.person|cannot read/);
  });

  it("reports a batch whose claim another worker took over as a lost lease", async () => {
    const claimed = await enqueue([1, 2, 3].map((n) => ({
      topic: "customers/data_request",
      payload: { shop_domain: SHOP, customer: { id: 700 + n, email: `c${n}@example.jp` }, orders_requested: [], data_request: { id: 7_000 + n } },
    })));
    await database.db.webhookEvent.update({ where: { id: claimed[1].id }, data: { lockedBy: "other-worker" } });
    const fallbacks: BatchFallback[] = [];
    const results = await processBatch(database.db, "w", claimed, undefined, undefined, undefined, (fallback) => fallbacks.push(fallback));
    expect(results.map(({ result }) => result.outcome)).toEqual(["done", "retry", "done"]);
    expect(fallbacks.map(({ errorKind, eventIds }) => ({ errorKind, eventIds }))).toEqual([{ errorKind: "LeaseLostError", eventIds: claimed.map((event) => event.id) }]);
  });

  it("reports a transaction of single events that failed, with the events it had taken", async () => {
    const claimed = await enqueue([
      { topic: "app/uninstalled", payload: {} },
      // app/scopes_update without `current`: its handler fails.
      { topic: "app/scopes_update", payload: { previous: [] } },
      { topic: "app/uninstalled", payload: {} },
    ]);
    const fallbacks: BatchFallback[] = [];
    const results = await processInTurns(database.db, "w", claimed, undefined, undefined, 60_000, (fallback) => fallbacks.push(fallback));
    expect(results.map(({ result }) => result.outcome)).toEqual(["done", "retry", "done"]);
    expect(fallbacks).toEqual([{ topics: ["app/uninstalled", "app/scopes_update"], errorKind: "TypeError", eventIds: [claimed[0].id, claimed[1].id] }]);
  });

  it("tells the worker's onBatchFallback option", async () => {
    await enqueue([
      { topic: FLAKY, payload: { email: PERSON } },
      { topic: FLAKY, payload: { email: PERSON, bad: true } },
    ]);
    // Claimed by enqueue; handed back so that the worker claims them itself.
    await database.db.webhookEvent.updateMany({ data: { status: "pending", lockedBy: null, lockedAt: null, attempts: 0 } });
    const fallbacks: BatchFallback[] = [];
    const outcomes: ProcessOutcome[] = [];
    let allDone = () => {};
    const done = new Promise<void>((resolve) => (allDone = resolve));
    const worker = new WebhookWorker(database.db, {
      workerId: "w",
      pollMs: 60_000,
      onBatchFallback: (fallback) => fallbacks.push(fallback),
      onResult: (_event, result) => {
        outcomes.push(result.outcome);
        if (outcomes.length === 2) allDone();
      },
    });
    worker.start();
    await done;
    await worker.stop();
    expect(outcomes.sort()).toEqual(["done", "retry"]);
    expect(fallbacks.map(({ topics, errorKind }) => ({ topics, errorKind }))).toEqual([{ topics: [FLAKY], errorKind: "TypeError" }]);
  });
});
