// Issue 15 point 3: a backlog of erasures drains in batches. The claimed customers/redact events
// of one shop take effect in one transaction through one set of statements for all their keys, so
// many redacts of one customer cost one erasure; each event still gets its own receipt (the proof
// Shopify's request was carried out) and its own outcome when something in the batch goes wrong.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { claimEvents, EVENTS_PER_TRANSACTION, processBatch, processClaimed, processingPhases, steadyPace, type Pace } from "../../../app/privacy/webhooks/worker";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { postgresReclaim } from "../../../app/privacy/webhooks/lifecycleHandlers";
import "../../../app/privacy/webhooks/dataRequestHandler";

const SHOP = "batch-erasure.myshopify.com";
const OTHER_SHOP = "batch-other.myshopify.com";
const redact = (shop: string, id: number) => JSON.stringify({ shop_id: 1, shop_domain: shop, customer: { id, email: `c${id}@example.jp`, phone: null }, orders_to_redact: [] });

describe.each<DatabaseKind>(["sqlite", "postgres"])("batched customer erasures on %s", (kind) => {
  let database: TestDatabase;
  let statements: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind, "batch_erasure", { onStatement: (sql) => statements.push(sql) });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
    await database.db.erasureReceipt.deleteMany();
    await database.db.privacyRequest.deleteMany();
  });

  async function enqueue(rows: Array<{ shop?: string; topic?: string; payload: string }>) {
    const at = Date.now() - 60_000;
    await database.db.webhookEvent.createMany({
      data: rows.map((row, i) => {
        const shop = row.shop ?? SHOP;
        const topic = row.topic ?? "customers/redact";
        let subjectKey: string | null = null;
        try {
          subjectKey = deliverySubjectKey(shop, topic, JSON.parse(row.payload));
        } catch {
          // an unreadable payload has no subject
        }
        return { deliveryKey: `k-${i}-${Math.random()}`, shop, topic, payload: row.payload, subjectKey, receivedAt: new Date(at + i), nextAttemptAt: new Date(at) };
      }),
    });
  }

  async function erasureStatements(payloads: string[]) {
    await database.db.webhookEvent.deleteMany();
    await enqueue(payloads.map((payload) => ({ payload })));
    const claimed = await claimEvents(database.db, "w", new Date(), 100);
    statements = [];
    const results = await processBatch(database.db, "w", claimed);
    expect(results.map((r) => r.result.outcome)).toEqual(payloads.map(() => "done"));
    return statements.length;
  }

  it("erases twenty redacts of one customer with the statements of one, and writes twenty receipts", async () => {
    const single = await erasureStatements([redact(SHOP, 1), redact(SHOP, 2)]);
    const many = await erasureStatements(Array.from({ length: 20 }, () => redact(SHOP, 3)));
    expect(many).toBe(single);
    expect(await database.db.erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(22);
    expect(await database.db.webhookEvent.count({ where: { status: "done", payload: "" } })).toBe(20);
  });

  // Sized in shops: one shop's erasures share one set of statements whatever their number, so a
  // transaction with time for nothing more still takes that shop's lot (sized in events, a slice
  // of one measured a whole erasure per event and the slices stayed at one event each).
  it("sizes each transaction to the pace's time: none to spare, one shop's erasures each; plenty, one for the lot", async () => {
    const shops = [SHOP, OTHER_SHOP, "batch-third.myshopify.com"];
    const commits = async (transactionMs: number) => {
      await database.db.webhookEvent.deleteMany();
      await enqueue(Array.from({ length: 6 }, (_, i) => ({ shop: shops[i % 3], payload: redact(shops[i % 3], 40 + i) })));
      const claimed = await claimEvents(database.db, "w", new Date(), 100);
      statements = [];
      const results = await processBatch(database.db, "w", claimed, undefined, undefined, steadyPace(transactionMs));
      expect(results.map((r) => r.result.outcome)).toEqual(claimed.map(() => "done"));
      return statements.filter((sql) => /^\s*COMMIT\b/i.test(sql)).length;
    };
    expect(await commits(0)).toBe(3);
    expect(await commits(60_000)).toBe(1);
  });

  it("takes at most the pace's events per transaction: 120 of one shop in three with the default 50, in one when allowed 200", async () => {
    const commits = async (pace: Pace) => {
      await database.db.webhookEvent.deleteMany();
      await enqueue(Array.from({ length: 120 }, (_, i) => ({ payload: redact(SHOP, 60 + (i % 7)) })));
      const claimed = await claimEvents(database.db, "w", new Date(), 200);
      statements = [];
      const results = await processBatch(database.db, "w", claimed, undefined, undefined, pace);
      expect(results.map((r) => r.result.outcome)).toEqual(claimed.map(() => "done"));
      return statements.filter((sql) => /^\s*COMMIT\b/i.test(sql)).length;
    };
    expect(EVENTS_PER_TRANSACTION).toBe(50);
    expect(await commits(steadyPace(60_000))).toBe(3);
    expect(await commits({ ...steadyPace(60_000), eventsPerTransaction: 200 })).toBe(1);
  });

  it("reclaims after a batch of erasures: SQLite's checkpoint at once, PostgreSQL's VACUUM later and once", async () => {
    await enqueue([{ payload: redact(SHOP, 50) }, { payload: redact(SHOP, 51) }]);
    const claimed = await claimEvents(database.db, "w", new Date(), 100);
    statements = [];
    const results = await processClaimed(database.db, "w", claimed);
    expect(results.map(({ result }) => result)).toEqual(claimed.map(() => ({ outcome: "done" })));
    const reclaims = () => statements.filter((sql) => /wal_checkpoint|^\s*VACUUM/i.test(sql));
    if (kind === "sqlite") {
      expect(reclaims()).toEqual(["PRAGMA wal_checkpoint(PASSIVE)", "PRAGMA wal_checkpoint(TRUNCATE)"]);
      expect(postgresReclaim.pending).toBe(false);
      return;
    }
    expect(reclaims()).toEqual([]);
    expect(postgresReclaim.pending).toBe(true);
    await postgresReclaim.flush();
    expect(reclaims().length).toBeGreaterThan(0);
    expect(new Set(reclaims()).size).toBe(reclaims().length);
  });

  it("gives each event of a failing batch its own outcome: the bad one is retried, the rest take effect", async () => {
    await enqueue([{ payload: redact(SHOP, 10) }, { payload: "{not json" }, { payload: redact(SHOP, 11) }]);
    const claimed = await claimEvents(database.db, "w", new Date(), 100);
    const results = await processBatch(database.db, "w", claimed);
    expect(results.map((r) => r.result.outcome)).toEqual(["done", "retry", "done"]);
    expect(await database.db.erasureReceipt.count()).toBe(2);
    expect(await database.db.webhookEvent.count({ where: { status: "pending", attempts: 1 } })).toBe(1);
  });

  const dataRequest = (shop: string, id: number, requestId: number) =>
    JSON.stringify({ shop_id: 1, shop_domain: shop, customer: { id, email: `c${id}@example.jp` }, orders_requested: [], data_request: { id: requestId } });

  it("groups a claimed batch's erasures by shop, after the other events of their phase, and starts a new phase for a person already being erased", async () => {
    await enqueue([
      { payload: redact(SHOP, 20) },
      { shop: OTHER_SHOP, payload: redact(OTHER_SHOP, 20) },
      { topic: "customers/data_request", shop: OTHER_SHOP, payload: dataRequest(OTHER_SHOP, 21, 98) },
      { topic: "customers/data_request", payload: dataRequest(SHOP, 20, 99) },
      { payload: redact(SHOP, 21) },
    ]);
    const claimed = await claimEvents(database.db, "w", new Date(), 100);
    const phases = processingPhases(claimed).map((phase) => ({
      single: phase.single.map((event) => `${event.topic}@${event.shop}`),
      batches: phase.batches.map((group) => group.map((event) => `${event.topic}@${event.shop}`)),
    }));
    expect(phases).toEqual([
      // Customer 21 of the other shop is no one being erased: their data request goes first.
      { single: [`customers/data_request@${OTHER_SHOP}`], batches: [[`customers/redact@${SHOP}`], [`customers/redact@${OTHER_SHOP}`]] },
      // Customer 20 of SHOP is: their data request waits for the erasure before it.
      { single: [`customers/data_request@${SHOP}`], batches: [[`customers/redact@${SHOP}`]] },
    ]);
  });

  it("keeps each person's events in the order received: a data request after their redact opens nothing, one before it is closed by it", async () => {
    await enqueue([
      { payload: redact(SHOP, 30) },
      { topic: "customers/data_request", payload: dataRequest(SHOP, 30, 300) },
      { topic: "customers/data_request", payload: dataRequest(SHOP, 31, 310) },
      { payload: redact(SHOP, 31) },
    ]);
    const claimed = await claimEvents(database.db, "w", new Date(), 100);
    const results = await processClaimed(database.db, "w", claimed);
    // The data request after the erasure was superseded by it: done, with nothing to retry.
    expect(results.map(({ result }) => result)).toEqual(claimed.map(() => ({ outcome: "done" })));
    const requests = await database.db.privacyRequest.findMany({ where: { shop: SHOP }, select: { shopifyDataRequestId: true, status: true, redacted: true } });
    // Customer 31 asked, then was erased: the request stays as an anonymous closed record.
    // Customer 30 was erased, then "asked": a replay of something from before, it brings nothing back.
    expect(requests).toEqual([{ shopifyDataRequestId: null, status: "completed", redacted: true }]);
    expect(await database.db.erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(2);
    expect(await database.db.webhookEvent.count({ where: { status: { not: "done" } } })).toBe(0);
  });
});
