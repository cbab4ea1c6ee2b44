// SQLite runs on one better-sqlite3 connection. Prisma's adapter serialises interactive
// transactions with each other, but a statement issued outside a transaction while one is open
// runs on the same connection, inside it: it is committed or rolled back with someone else's
// work, and "done" before anything is durable. A webhook acknowledged that way would be lost when
// the worker's transaction rolls back. This wrapper makes every statement outside a transaction
// wait until no transaction is open, as a second connection would wait for SQLite's write lock.
//
// With the background worker in its own thread (background.thread.server.ts) there is a second
// connection, and SQLite's write lock is what the two share. better-sqlite3 is synchronous: a
// statement that waits for that lock through SQLite's busy timeout stops its whole thread. The
// thread that answers HTTP must never stop, so its connection has no busy timeout (see
// prepareDatabase) and waits here instead, retrying on timers while the event loop runs on; the
// background thread may block, and steps aside while the HTTP thread's statements are waiting.
import { isMainThread } from "node:worker_threads";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { lockReleased, lockReleases, waitForLockRelease, waitForWriterTurn, writersWaiting, writerTurns, writerWaits } from "./background.signals";

type AdapterFactory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** First come, first served; `acquire` resolves with the function that lets the next one in. */
export class ConnectionTurn {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => done);
    return previous.then(() => release);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * A transaction begun with BEGIN IMMEDIATE on the connection itself. Prisma's adapter begins a
 * deferred one, which takes SQLite's write lock only at its first write: when another connection
 * (another process, or the background thread) committed in between, that write fails at once with
 * SQLITE_BUSY instead of waiting, since the transaction already read an older snapshot. Taking the
 * lock up front makes a transaction wait for its turn (busy_timeout) and then always succeed.
 * Prisma sends COMMIT and ROLLBACK itself (usePhantomQuery: false); commit() and rollback() only
 * let the next caller in.
 */
async function immediateTransaction(adapter: Adapter, release: () => void): Promise<Transaction> {
  await whenLockFree(() => adapter.executeScript("BEGIN IMMEDIATE"));
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: (query: Query) => adapter.queryRaw(query),
    executeRaw: (query: Query) => adapter.executeRaw(query),
    // Prisma has sent COMMIT or ROLLBACK by now: the write lock is free, and a statement of the
    // HTTP thread waiting for it is woken at once rather than at its next retry.
    commit: async () => {
      releaseOnce();
      if (!isMainThread) lockReleased();
    },
    rollback: async () => {
      releaseOnce();
      if (!isMainThread) lockReleased();
    },
  };
}

/** How long a statement waits for SQLite's write lock before it fails, as busy_timeout would. */
export const LOCK_WAIT_MS = 5_000;
/** The longest the background thread steps aside for a waiting HTTP statement before it goes on. */
const GIVE_WAY_MS = 25;

/** SQLITE_BUSY and its extended codes, as Prisma's adapter reports them. */
export function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | null)?.cause;
  return typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY");
}

/**
 * Runs a statement that may meet the write lock held by another connection. A statement refused
 * with SQLITE_BUSY did nothing, so it is tried again a moment later, on a timer: the thread goes
 * on with other work meanwhile. While it waits, the background thread sees it (writersWaiting).
 */
export async function whenLockFree<T>(statement: () => Promise<T>, { writes = true, waitMs = LOCK_WAIT_MS } = {}): Promise<T> {
  if (!isMainThread && writes) await giveWay();
  let seen = lockReleases();
  try {
    return await statement();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
  const deadline = performance.now() + waitMs;
  writerWaits(1);
  try {
    for (let attempt = 1; ; attempt++) {
      // Woken when the background thread's transaction ends; the timer covers other processes.
      await waitForLockRelease(seen, Math.min(5, attempt));
      seen = lockReleases();
      try {
        return await statement();
      } catch (error) {
        if (!isBusy(error) || performance.now() > deadline) throw error;
      }
    }
  } finally {
    writerWaits(-1);
  }
}

/** A read outside a transaction takes no write lock (WAL): the background thread need not step aside for it. */
const READS = /^\s*SELECT\b/i;

/**
 * In the background thread: let a statement of the HTTP thread that waits for the lock go first.
 * One turn is enough: the HTTP thread commits every acknowledgement waiting at that moment in one
 * statement (inbox.ts). Then the worker takes its own turn even if more are waiting by now, so
 * the two alternate (one short transaction, one insert) and neither stops the other.
 */
async function giveWay(): Promise<void> {
  if (writersWaiting() === 0) return;
  const turns = writerTurns();
  const until = performance.now() + GIVE_WAY_MS;
  while (writersWaiting() > 0 && writerTurns() === turns && performance.now() < until) await waitForWriterTurn(turns, until - performance.now());
}

export function oneStatementAtATime(adapter: Adapter): Adapter {
  const turn = new ConnectionTurn();
  return {
    get provider() {
      return adapter.provider;
    },
    get adapterName() {
      return adapter.adapterName;
    },
    queryRaw: (query: Query) => turn.run(() => whenLockFree(() => adapter.queryRaw(query), { writes: !READS.test(query.sql) })),
    executeRaw: (query: Query) => turn.run(() => whenLockFree(() => adapter.executeRaw(query))),
    executeScript: (script: string) => turn.run(() => adapter.executeScript(script)),
    async startTransaction(isolationLevel) {
      // SQLite transactions are serializable; Prisma's adapter refuses any other level too.
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adapter.startTransaction(isolationLevel);
      const release = await turn.acquire();
      try {
        return await immediateTransaction(adapter, release);
      } catch (error) {
        release();
        throw error;
      }
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  };
}

/** The adapter factory Prisma is given: the library's, with each connection wrapped. */
export function serialisedSqlite(factory: AdapterFactory): AdapterFactory {
  const wrapped = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => oneStatementAtATime(await factory.connect()),
    connectToShadowDb: async () => oneStatementAtATime(await factory.connectToShadowDb()),
  };
  // The library's class has private fields, so TypeScript will not take a look-alike for it.
  return wrapped as unknown as AdapterFactory;
}
