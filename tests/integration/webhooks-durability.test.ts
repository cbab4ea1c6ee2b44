// The inbox under crashes and competition: acknowledged deliveries survive a kill -9 before the
// worker ran, and two app instances sharing one database process each event exactly once.
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { startApp, type RunningApp } from "../support/app";
import { compliancePayloads } from "../support/webhooks";
import { deliver, waitForInbox } from "./webhooks.helpers";

const SHOP = "durable-shop.myshopify.com";

/** Waits until `count()` reaches `expected` (or 30 s pass), then a little longer to catch extras. */
async function settledLogs(count: () => number, expected: number) {
  const deadline = Date.now() + 30_000;
  while (count() < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const processedLines = (app: RunningApp) => app.output().split("\n").filter((line) => line.includes('"event":"webhook.processed"'));

// Each test's budget is the sum of the waits it allows itself (up to three starts of 30 s, a drain
// of 60 s, ...), not the project's 60 s: on a loaded machine a drain that progresses steadily was
// cut off by the runner's timeout in the middle of a wait that would have succeeded.
describe(`webhook inbox durability on ${currentDatabaseKind()}`, { timeout: 240_000 }, () => {
  let database: TestDatabase | undefined;
  const apps: RunningApp[] = [];

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop("SIGKILL");
    await database?.drop();
    database = undefined;
  });

  it("a kill -9 after acknowledging and before processing loses nothing; after restart each event takes effect once", async () => {
    database = await createTestDatabase(undefined, "crash");
    const first = await startApp({ database, env: { WEBHOOK_WORKER_START_DELAY_MS: "600000" } });
    apps.push(first);

    const deliveries = Array.from({ length: 12 }, (_, i) => ({
      topic: i % 3 === 0 ? "customers/data_request" : "customers/redact",
      shop: SHOP,
      webhookId: `crash-${i}`,
      payload:
        i % 3 === 0
          ? compliancePayloads.dataRequest(SHOP, { id: 3000 + i, email: `crash${i}@example.com` })
          : compliancePayloads.customerRedact(SHOP, { id: 3000 + i, email: `crash${i}@example.com` }),
    }));
    const statuses = await Promise.all(deliveries.map((d) => deliver(first, d).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await database.db.webhookEvent.count({ where: { status: "pending" } })).toBe(12);

    await first.stop("SIGKILL");
    apps.splice(0);

    const second = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
    apps.push(second);
    // Shopify's retries of deliveries it already got a 2xx for, arriving around the restart.
    const retries = await Promise.all(deliveries.slice(0, 6).map((d) => deliver(second, d).then((r) => r.status)));
    expect(retries.every((s) => s === 200)).toBe(true);
    await waitForInbox(database.db, 12);

    expect(await database.db.webhookEvent.count()).toBe(12);
    expect(await database.db.erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(8);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, source: "shopify" } })).toBe(4);
    await settledLogs(() => processedLines(second).length, 12);
    expect(processedLines(second)).toHaveLength(12);
    // The worker runs in its own thread, never on the one that answers HTTP (issue 15), on
    // PostgreSQL too (Prisma's JavaScript and a pool of its own).
    expect(processedLines(second).every((line) => line.includes('"thread":"background"'))).toBe(true);
  });

  it("a kill -9 in the middle of a drain loses and repeats nothing", async () => {
    database = await createTestDatabase(undefined, "drain_crash");
    const first = await startApp({ database, env: { WEBHOOK_WORKER_START_DELAY_MS: "600000" } });
    apps.push(first);
    // Three deliveries for each customer: Shopify repeats redactions, and each needs its receipt.
    const n = 600;
    const deliveries = Array.from({ length: n }, (_, i) => ({
      topic: "customers/redact",
      shop: SHOP,
      webhookId: `drain-${i}`,
      payload: compliancePayloads.customerRedact(SHOP, { id: 5000 + (i % 200), email: `drain${i % 200}@example.com` }),
    }));
    for (let start = 0; start < n; start += 50) {
      const statuses = await Promise.all(deliveries.slice(start, start + 50).map((d) => deliver(first, d).then((r) => r.status)));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    await first.stop("SIGKILL");
    apps.splice(0);

    const second = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "100" } });
    apps.push(second);
    // Until the first batch commits: 15 s on a machine at load 14 (its first batch holds 200 erasures).
    const deadline = Date.now() + 60_000;
    while ((await database.db.webhookEvent.count({ where: { status: "done" } })) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    await second.stop("SIGKILL");
    apps.splice(0);
    const doneAtKill = await database.db.webhookEvent.count({ where: { status: "done" } });
    expect(doneAtKill).toBeGreaterThan(0);
    expect(doneAtKill).toBeLessThan(n);
    expect(await database.db.erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(doneAtKill);

    // What the killed drain had claimed is taken over once its lease ran out (5 min in production).
    const third = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "100", WEBHOOK_WORKER_LEASE_MS: "2000" } });
    apps.push(third);
    await waitForInbox(database.db, n, 60_000);
    expect(await database.db.webhookEvent.count({ where: { status: "done" } })).toBe(n);
    // One receipt per delivery: none lost with the killed drain, none written twice after it.
    expect(await database.db.erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(n);
    // Per customer too, so that one event lost and another repeated cannot balance out: each of the
    // 200 customers had three deliveries, and has three receipts.
    const receipts = await database.db.erasureReceipt.groupBy({ by: ["subjectHash"], where: { kind: "customer_redact" }, _count: { _all: true } });
    expect(receipts).toHaveLength(200);
    expect(receipts.filter((row) => row._count._all !== 3)).toEqual([]);
  });

  // The test above kills at a moment it does not choose: an effect committed apart from its event's
  // "done" would be caught only if the kill fell between the two commits (a mutation that erased
  // outside the batch's transaction passed it). Here the kill lands inside a batch's transaction on
  // PostgreSQL, after its erasures ran and while it waits to mark its events done: row locks taken
  // by the test on the claimed events it has not reached yet hold it there.
  it.skipIf(currentDatabaseKind() !== "postgres")("a kill -9 inside a batch's transaction, after its erasures ran, loses and repeats nothing", async () => {
    database = await createTestDatabase(undefined, "tx_crash");
    const first = await startApp({ database, env: { WEBHOOK_WORKER_START_DELAY_MS: "600000" } });
    apps.push(first);
    const n = 400;
    for (let start = 0; start < n; start += 50) {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, k) => start + k).map((i) =>
          deliver(first, {
            topic: "customers/redact",
            shop: SHOP,
            webhookId: `tx-crash-${i}`,
            payload: compliancePayloads.customerRedact(SHOP, { id: 6000 + (i % 100), email: `txcrash${i % 100}@example.jp` }),
          }).then((r) => r.status),
        ),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    await first.stop("SIGKILL");
    apps.splice(0);

    const pg = (await import("pg")).default;
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      const second = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "100" } });
      apps.push(second);
      // Claimed events the worker's open transaction does not hold yet: lock them for the test.
      await locker.query("BEGIN");
      let locked = 0;
      const deadline = Date.now() + 30_000;
      while (locked === 0 && Date.now() < deadline) {
        const rows = await locker.query(`SELECT id FROM "WebhookEvent" WHERE status = 'processing' FOR UPDATE SKIP LOCKED`);
        locked = rows.rowCount ?? 0;
        if (locked === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(locked).toBeGreaterThan(0);
      // A transaction of the worker's is now waiting on those locks, its erasures done, uncommitted.
      const waiting = async () =>
        Number((await database!.db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))[0].n);
      const waitDeadline = Date.now() + 10_000;
      while ((await waiting()) === 0 && Date.now() < waitDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await waiting()).toBeGreaterThan(0);
      await second.stop("SIGKILL");
      apps.splice(0);
      await locker.query("ROLLBACK");
    } finally {
      await locker.end();
    }
    const done = await database.db.webhookEvent.count({ where: { status: "done" } });
    expect(done).toBeLessThan(n);
    expect(await database.db.erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(done);

    const third = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "100", WEBHOOK_WORKER_LEASE_MS: "2000" } });
    apps.push(third);
    await waitForInbox(database.db, n, 60_000);
    const receipts = await database.db.erasureReceipt.groupBy({ by: ["subjectHash"], where: { kind: "customer_redact" }, _count: { _all: true } });
    expect(receipts).toHaveLength(100);
    expect(receipts.filter((row) => row._count._all !== 4)).toEqual([]);
  });

  it("two app instances on the same database process every event exactly once", async () => {
    database = await createTestDatabase(undefined, "twins");
    // Both workers start together on a backlog, so they compete for the same rows.
    const env = { WEBHOOK_WORKER_START_DELAY_MS: "4000", WEBHOOK_WORKER_POLL_MS: "100" };
    const [a, b] = await Promise.all([startApp({ database, env }), startApp({ database, env })]);
    apps.push(a, b);

    const n = 40;
    const statuses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        deliver(i % 2 ? a : b, {
          topic: "customers/redact",
          shop: SHOP,
          payload: compliancePayloads.customerRedact(SHOP, { id: 4000 + i, email: `twin${i}@example.com` }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitForInbox(database.db, n, 60_000);

    const receipts = await database.db.erasureReceipt.findMany({ where: { kind: "customer_redact" }, select: { subjectHash: true } });
    expect(receipts).toHaveLength(n);
    expect(new Set(receipts.map((r) => r.subjectHash)).size).toBe(n);
    // Each instance logs an event after its post-commit clean-up, so the lines can trail the rows.
    const logged = () => processedLines(a).length + processedLines(b).length;
    await settledLogs(logged, n);
    expect(logged()).toBe(n);
  });
});
