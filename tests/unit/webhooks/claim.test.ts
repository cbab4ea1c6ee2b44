// The worker's claim rules on a real (SQLite) database. Two workers share one client here: their
// queries interleave at every await, so both read the same candidates and only the conditional
// UPDATE decides (two connections in one process would block each other's synchronous driver;
// the integration tests run two app processes on one database).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { sqlitePlan } from "../../support/queryPlans";
import { backoffMs, CLAIM_ROWS_PER_STATEMENT, claimEvents, LEASE_MS, MAX_ATTEMPTS, processEvent, processInTurns, requeueFailedEvent, WebhookWorker } from "../../../app/privacy/webhooks/worker";
import { registerTopicHandler } from "../../../app/privacy/webhooks/topicHandlers";

const SHOP = "claim-shop.myshopify.com";
let database: TestDatabase;
let statements: string[] = [];

registerTopicHandler("test/ok", async (tx, event) => {
  await tx.auditEntry.create({ data: { shop: event.shop, actor: "test", action: "handled" } });
});
registerTopicHandler("test/fails", async (tx, event) => {
  await tx.auditEntry.create({ data: { shop: event.shop, actor: "test", action: "half-done" } });
  throw new TypeError("boom");
});

async function enqueue(count: number, topic = "test/ok") {
  await database.db.webhookEvent.createMany({
    data: Array.from({ length: count }, (_, i) => ({ deliveryKey: `${topic}-${i}-${Math.random()}`, shop: SHOP, topic, payload: "{}" })),
  });
}

beforeAll(async () => {
  database = await createTestDatabase("sqlite", "claim", { onStatement: (sql) => statements.push(sql) });
}, 60_000);
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  await database.db.webhookEvent.deleteMany();
  await database.db.auditEntry.deleteMany();
});

describe("claimEvents", () => {
  it("gives each event to exactly one of two competing workers", async () => {
    await enqueue(60);
    const a: string[] = [];
    const b: string[] = [];
    await Promise.all([
      (async () => {
        for (let i = 0; i < 10; i++) a.push(...(await claimEvents(database.db, "worker-a", new Date(), 10)).map((e) => e.id));
      })(),
      (async () => {
        for (let i = 0; i < 10; i++) b.push(...(await claimEvents(database.db, "worker-b", new Date(), 10)).map((e) => e.id));
      })(),
    ]);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(60);
    const rows = await database.db.webhookEvent.findMany();
    expect(rows.every((r) => r.status === "processing" && r.attempts === 1)).toBe(true);
    expect(rows.filter((r) => r.lockedBy === "worker-a")).toHaveLength(a.length);
  });

  it("leaves a fresh claim alone and takes over a stale one after the lease", async () => {
    await enqueue(1);
    const now = new Date();
    const [claimed] = await claimEvents(database.db, "crashed", now);
    expect(claimed).toBeDefined();
    expect(await claimEvents(database.db, "other", new Date(now.getTime() + LEASE_MS - 1000))).toEqual([]);
    const retaken = await claimEvents(database.db, "other", new Date(now.getTime() + LEASE_MS + 1000));
    expect(retaken.map((e) => e.id)).toEqual([claimed.id]);
    expect(retaken[0].attempts).toBe(2);
  });

  // Each claiming UPDATE holds SQLite's write lock while it rewrites its rows: a whole batch in one
  // kept acknowledgements waiting for tens of milliseconds (issue 15, point 1).
  it("claims a large batch through UPDATEs of a bounded number of rows, each committed before the next", async () => {
    await enqueue(200);
    statements = [];
    const claimed = await claimEvents(database.db, "w", new Date(), 200);
    expect(claimed).toHaveLength(200);
    expect(CLAIM_ROWS_PER_STATEMENT).toBeLessThanOrEqual(50);
    const claimStatements = statements.filter((sql) => /^UPDATE\b.*WebhookEvent/s.test(sql) || /^(BEGIN|COMMIT)\b/.test(sql));
    const updates = claimStatements.filter((sql) => /^UPDATE\b/.test(sql));
    expect(updates.length).toBe(200 / CLAIM_ROWS_PER_STATEMENT);
    for (const sql of updates) expect(sql.match(/[`"]id[`"] IN \(([^)]*)\)/)?.[1].split(",").length).toBeLessThanOrEqual(CLAIM_ROWS_PER_STATEMENT);
    // Each UPDATE is a statement of its own, committed as it ends: no claiming UPDATE runs inside
    // a transaction that holds the write lock for the next.
    expect(claimStatements).toEqual(updates);
  });

  // Prisma's SQLite client refuses a statement of more than 999 parameters: a batch of 1,000 (the
  // PostgreSQL default) read back in one statement stopped the worker on SQLite.
  it("claims a batch larger than one statement may bind, in the order received", async () => {
    await enqueue(1_200);
    const claimed = await claimEvents(database.db, "w", new Date(), 1_100);
    expect(claimed).toHaveLength(1_100);
    const expected = await database.db.webhookEvent.findMany({ where: { lockedBy: "w" }, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } });
    expect(claimed.map((event) => event.receivedAt.getTime())).toEqual(expected.map((event) => event.receivedAt.getTime()));
    expect(await database.db.webhookEvent.count({ where: { status: "pending" } })).toBe(100);
  });

  // SQLite runs without statistics, and its planner took an equality on the status index over the
  // ids: every claiming UPDATE then read the index entries of the whole pending backlog (about
  // 100 ms per 25-row UPDATE at 100,000 pending, eight per batch; docs/webhooks.md).
  it("reaches the rows it claims by their ids, not through the status index", async () => {
    await enqueue(200);
    statements = [];
    expect(await claimEvents(database.db, "w", new Date(), 200)).toHaveLength(200);
    const updates = statements.filter((sql) => /^UPDATE\b.*WebhookEvent/s.test(sql));
    expect(updates.length).toBeGreaterThan(0);
    for (const sql of updates) {
      const plan = sqlitePlan(database.file!, sql, (sql.match(/\?/g) ?? []).map(() => null));
      expect(plan).toEqual([expect.stringMatching(/^SEARCH \S*WebhookEvent USING INDEX sqlite_autoindex_WebhookEvent_1 \(id=\?\)$/)]);
    }
  });

  it("does not claim events before their next attempt time", async () => {
    await enqueue(1);
    await database.db.webhookEvent.updateMany({ data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect(await claimEvents(database.db, "w")).toEqual([]);
  });
});

describe("processInTurns", () => {
  it("runs several events in one transaction, and gives a failing one its own outcome while the others take effect", async () => {
    await database.db.webhookEvent.createMany({
      data: ["test/ok", "test/ok", "test/fails", "test/ok", "test/ok"].map((topic, i) => ({
        deliveryKey: `turn-${i}`,
        shop: SHOP,
        topic,
        payload: "{}",
        receivedAt: new Date(Date.now() - 10_000 + i),
      })),
    });
    const claimed = await claimEvents(database.db, "w", new Date(), 10);
    const results = await processInTurns(database.db, "w", claimed);
    expect(results.map((r) => `${r.event.topic}:${r.result.outcome}`)).toEqual(["test/ok:done", "test/ok:done", "test/fails:retry", "test/ok:done", "test/ok:done"]);
    expect(await database.db.auditEntry.count({ where: { action: "handled" } })).toBe(4);
    expect(await database.db.auditEntry.count({ where: { action: "half-done" } })).toBe(0);
    expect(await database.db.webhookEvent.count({ where: { status: "done" } })).toBe(4);
  });

  it("ends a transaction once its time budget is spent and goes on in the next", async () => {
    await enqueue(6);
    const claimed = await claimEvents(database.db, "w", new Date(), 10);
    // A budget of 0 ms: each transaction takes one event, and still every event takes effect once.
    const results = await processInTurns(database.db, "w", claimed, undefined, undefined, 0);
    expect(results.every((r) => r.result.outcome === "done")).toBe(true);
    expect(await database.db.auditEntry.count({ where: { action: "handled" } })).toBe(6);
  });
});

describe("processEvent", () => {
  it("runs the handler and marks the event done with its payload cleared, in one transaction", async () => {
    await database.db.webhookEvent.create({ data: { deliveryKey: "k1", shop: SHOP, topic: "test/ok", payload: '{"customer":{"email":"x@example.com"}}' } });
    const [event] = await claimEvents(database.db, "w");
    expect(await processEvent(database.db, "w", event)).toEqual({ outcome: "done" });
    expect(await database.db.webhookEvent.findFirst()).toMatchObject({ status: "done", payload: "", lockedBy: null });
    expect(await database.db.auditEntry.count({ where: { action: "handled" } })).toBe(1);
  });

  it("rolls back the handler's writes when the lease was lost to another worker", async () => {
    await enqueue(1);
    const [event] = await claimEvents(database.db, "slow");
    await database.db.webhookEvent.updateMany({ data: { lockedAt: new Date(Date.now() - LEASE_MS - 1000) } });
    expect(await claimEvents(database.db, "fast")).toHaveLength(1);
    expect((await processEvent(database.db, "slow", event)).outcome).toBe("retry");
    expect(await database.db.auditEntry.count()).toBe(0);
    expect(await database.db.webhookEvent.findFirst()).toMatchObject({ status: "processing", lockedBy: "fast" });
  });

  it("retries a failing handler with exponential backoff, then marks it failed, and a merchant retry re-queues it", async () => {
    await enqueue(1, "test/fails");
    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [event] = await claimEvents(database.db, "w", new Date(now));
      expect(event.attempts).toBe(attempt);
      const result = await processEvent(database.db, "w", event, () => new Date(now));
      expect(result).toEqual({ outcome: attempt === MAX_ATTEMPTS ? "failed" : "retry", error: "TypeError" });
      const row = await database.db.webhookEvent.findFirstOrThrow();
      if (attempt < MAX_ATTEMPTS) expect(row.nextAttemptAt.getTime()).toBe(now + backoffMs(attempt));
      now += backoffMs(attempt);
    }
    expect(await database.db.webhookEvent.findFirst()).toMatchObject({ status: "failed", lastError: "TypeError", payload: "{}" });
    expect(await database.db.auditEntry.count()).toBe(0);
    expect(await claimEvents(database.db, "w", new Date(now + 10 * 86_400_000))).toEqual([]);

    const id = (await database.db.webhookEvent.findFirstOrThrow()).id;
    expect(await requeueFailedEvent(database.db, "another-shop.myshopify.com", id)).toBe(false);
    expect(await requeueFailedEvent(database.db, SHOP, id)).toBe(true);
    expect(await database.db.webhookEvent.findFirst()).toMatchObject({ status: "pending", attempts: 0, lastError: null });
  });

  it("fails an event whose topic has no handler without retrying it", async () => {
    await enqueue(1, "test/unknown");
    const [event] = await claimEvents(database.db, "w");
    expect(await processEvent(database.db, "w", event)).toEqual({ outcome: "failed", error: "UnhandledTopicError" });
  });

  it("backs off 10 s, 20 s, 40 s ... up to an hour", () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });
});

describe("WebhookWorker under a burst of deliveries", () => {
  async function drainCountingClaims(pressure: boolean) {
    const claims: number[] = [];
    const processed: string[] = [];
    let allProcessed!: () => void;
    const done = new Promise<void>((resolve) => (allProcessed = resolve));
    const worker = new WebhookWorker(database.db, {
      workerId: "worker-burst",
      batchSize: 10,
      pollMs: 60_000,
      beforeClaim: async () => {
        claims.push(processed.length);
        if (processed.length === 5) allProcessed();
        return pressure;
      },
      onResult: (event) => processed.push(event.id),
    });
    worker.start();
    await done;
    await worker.stop();
    return { claims, processed };
  }

  it("claims one event at a time while acknowledgements have priority, and still processes them all", async () => {
    await enqueue(5);
    const { claims, processed } = await drainCountingClaims(true);
    expect(processed).toHaveLength(5);
    expect(claims).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("claims a whole batch when no delivery is arriving", async () => {
    await enqueue(5);
    const { claims, processed } = await drainCountingClaims(false);
    expect(processed).toHaveLength(5);
    expect(claims).toEqual([0, 5]);
  });
});

describe("WebhookWorker draining a backlog", () => {
  it("lets timers and messages of its thread run between transactions, so it can be stopped mid-drain", async () => {
    await enqueue(100);
    let processed = 0;
    const worker = new WebhookWorker(database.db, { workerId: "worker-backlog", batchSize: 10, pollMs: 60_000, onResult: () => processed++ });
    worker.start();
    // better-sqlite3 answers synchronously: without a turn of the event loop between transactions
    // this timer (like the stop message from server.mjs) would wait until the inbox was empty.
    const seenByTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(processed), 0));
    await worker.stop();
    expect(seenByTimer).toBeLessThan(100);
    expect(await database.db.webhookEvent.count({ where: { status: "pending" } })).toBeGreaterThan(0);
  }, 30_000);
});
