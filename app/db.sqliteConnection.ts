// SQLite runs on one better-sqlite3 connection. Prisma's adapter serialises interactive
// transactions with each other, but a statement issued outside a transaction while one is open
// runs on the same connection, inside it: it is committed or rolled back with someone else's
// work, and "done" before anything is durable. A webhook acknowledged that way would be lost when
// the worker's transaction rolls back. This wrapper makes every statement outside a transaction
// wait until no transaction is open, as a second connection would wait for SQLite's write lock.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

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
  await adapter.executeScript("BEGIN IMMEDIATE");
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
    commit: async () => releaseOnce(),
    rollback: async () => releaseOnce(),
  };
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
    queryRaw: (query: Query) => turn.run(() => adapter.queryRaw(query)),
    executeRaw: (query: Query) => turn.run(() => adapter.executeRaw(query)),
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
