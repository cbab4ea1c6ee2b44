// On SQLite every statement shares one connection. A statement outside a transaction must not run
// inside someone else's open transaction: it would be rolled back with it, or be "done" before it
// is committed. These tests fail against Prisma's adapter without the wrapper.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { ConnectionTurn } from "../../../app/db.sqliteConnection";
import { directSql, TEXT } from "../../../app/db.directSql";

const SHOP = "turns.myshopify.com";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("one SQLite connection, one statement at a time", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "turns");
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
  });

  const row = (deliveryKey: string) => ({ deliveryKey, shop: SHOP, topic: "test/turn", payload: "{}" });
  const keys = async () => (await database.db.webhookEvent.findMany({ orderBy: { deliveryKey: "asc" } })).map((e) => e.deliveryKey);

  it("keeps a write made outside a transaction that another caller rolls back", async () => {
    const failing = database.db
      .$transaction(async (tx) => {
        await tx.webhookEvent.create({ data: row("inside") });
        await sleep(100);
        throw new Error("the handler failed");
      })
      .catch(() => "rolled back");
    await sleep(20);
    await database.db.webhookEvent.create({ data: row("outside-create") });
    await database.db.$executeRaw`INSERT INTO "WebhookEvent" ("id", "deliveryKey", "shop", "topic", "payload") VALUES ('raw-1', 'outside-raw', ${SHOP}, 'test/turn', '{}')`;
    expect(await failing).toBe("rolled back");
    expect(await keys()).toEqual(["outside-create", "outside-raw"]);
  });

  it("makes a direct statement (past Prisma, on the same connection) wait its turn too", async () => {
    const failing = database.db
      .$transaction(async (tx) => {
        await tx.webhookEvent.create({ data: row("inside") });
        await sleep(100);
        throw new Error("the handler failed");
      })
      .catch(() => "rolled back");
    await sleep(20);
    const returned = await directSql(database.db).query(
      `INSERT INTO "WebhookEvent" ("id", "deliveryKey", "shop", "topic", "payload") VALUES ($1, $2, $3, $4, $5) RETURNING "deliveryKey"`,
      ["direct-1", "direct", SHOP, "test/turn", "{}"],
      [TEXT, TEXT, TEXT, TEXT, TEXT],
    );
    expect(returned).toEqual([["direct"]]);
    expect(await failing).toBe("rolled back");
    expect(await keys()).toEqual(["direct"]);
  });

  it("answers a write outside a transaction only after the open transaction has ended", async () => {
    const order: string[] = [];
    const open = database.db.$transaction(async (tx) => {
      await tx.webhookEvent.create({ data: row("inside") });
      await sleep(100);
      order.push("transaction ends");
    });
    await sleep(20);
    await database.db.webhookEvent.create({ data: row("outside") });
    order.push("outside write answered");
    await open;
    expect(order).toEqual(["transaction ends", "outside write answered"]);
    expect(await keys()).toEqual(["inside", "outside"]);
  });

  it("still lets a transaction read what was written before it", async () => {
    await database.db.webhookEvent.create({ data: row("before") });
    const seen = await database.db.$transaction((tx) => tx.webhookEvent.count());
    expect(seen).toBe(1);
  });
});

// A second connection writing from another thread (the background thread, another process).
function writeFromAnotherThread(file: string, deliveryKey: string): Promise<void> {
  const source = `
    const Database = require("better-sqlite3");
    const { workerData, parentPort } = require("node:worker_threads");
    const db = new Database(workerData.file);
    db.pragma("busy_timeout = 5000");
    db.prepare('INSERT INTO "WebhookEvent" ("id", "deliveryKey", "shop", "topic", "payload") VALUES (?, ?, ?, ?, ?)')
      .run("other-" + workerData.deliveryKey, workerData.deliveryKey, workerData.shop, "test/turn", "{}");
    db.close();
    parentPort.postMessage("written");`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { file, deliveryKey, shop: SHOP } });
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
}

describe("a transaction and a second SQLite connection", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "two_connections");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("commits a transaction that read before the other connection wrote (it holds the write lock from BEGIN)", async () => {
    let other: Promise<void> | undefined;
    await database.db.$transaction(async (tx) => {
      await tx.webhookEvent.count();
      other = writeFromAnotherThread(database.file!, "from-other-thread");
      // Deferred, the other write commits at once; immediate, it waits for this transaction.
      await Promise.race([other, sleep(1_500)]);
      // A deferred transaction fails here with SQLITE_BUSY: its snapshot is older than the other write.
      await tx.webhookEvent.create({ data: { deliveryKey: "inside", shop: SHOP, topic: "test/turn", payload: "{}" } });
    });
    await other;
    const keys = (await database.db.webhookEvent.findMany({ orderBy: { deliveryKey: "asc" } })).map((e) => e.deliveryKey);
    expect(keys).toEqual(["from-other-thread", "inside"]);
  });
});

describe("ConnectionTurn", () => {
  it("lets callers in one at a time, in the order they asked", async () => {
    const turn = new ConnectionTurn();
    const log: string[] = [];
    const job = (name: string, ms: number) =>
      turn.run(async () => {
        log.push(`${name} starts`);
        await sleep(ms);
        log.push(`${name} ends`);
      });
    await Promise.all([job("a", 30), job("b", 1), job("c", 10)]);
    expect(log).toEqual(["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
  });

  it("lets the next caller in when a turn's work fails", async () => {
    const turn = new ConnectionTurn();
    await expect(turn.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await turn.run(async () => "next")).toBe("next");
  });
});
