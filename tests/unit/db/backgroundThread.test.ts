// Issue 15: on SQLite the background worker runs in a thread of its own with its own connection.
// What the one-connection wrapper guarded against (a statement running inside someone else's
// transaction) must still never happen across that boundary, SQLite's single writer must still
// be one writer at a time, and the HTTP thread, whose statement waits for the write lock the
// background thread holds, must go on running (better-sqlite3 would block it in busy_timeout).
import { Worker } from "node:worker_threads";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, root, type TestDatabase } from "../../support/database";
import { sharedSignalBuffer, writersWaiting } from "../../../app/background.signals";

const SHOP = "thread-boundary.myshopify.com";

function backgroundThread(database: TestDatabase) {
  const worker = new Worker(path.join(root, "tests/support/sqliteBackgroundThread.ts"), {
    execArgv: ["--import", "tsx"],
    workerData: { url: database.url, shop: SHOP, signals: sharedSignalBuffer() },
  });
  const messages: string[] = [];
  const next = async () => {
    const [message] = await once(worker, "message");
    messages.push(message);
    return message as string;
  };
  return { worker, next, messages, exited: once(worker, "exit") };
}

describe("the background thread's transaction and the HTTP thread's statements on SQLite", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "thread_boundary");
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
  });

  const keys = async () => (await database.db.webhookEvent.findMany({ orderBy: { deliveryKey: "asc" } })).map((e) => e.deliveryKey);

  for (const decision of ["rollback", "commit"] as const) {
    it(`keeps the HTTP thread's write out of the background's transaction, waits for it without blocking, and survives its ${decision}`, async () => {
      const background = backgroundThread(database);
      expect(await background.next()).toBe("open");

      const order: string[] = [];
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      const write = database.db.webhookEvent
        .create({ data: { deliveryKey: "http-thread", shop: SHOP, topic: "test/thread", payload: "{}" } })
        .then(() => order.push("http write answered"));
      // The write waits for the lock on timers: this thread runs on, and the background sees it waiting.
      while (writersWaiting() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      const ticksWhileWaiting = ticks;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(ticks).toBeGreaterThan(ticksWhileWaiting);
      expect(order).toEqual([]);

      const ended = background.next();
      order.push(`background told to ${decision}`);
      background.worker.postMessage(decision);
      await Promise.all([write, ended]);
      clearInterval(ticker);
      await background.exited;

      // One writer at a time: the HTTP thread's write is answered only once the transaction ends.
      expect(order).toEqual([`background told to ${decision}`, "http write answered"]);
      expect(writersWaiting()).toBe(0);
      expect(await keys()).toEqual(decision === "commit" ? ["background-thread", "http-thread"] : ["http-thread"]);
    });
  }
});
