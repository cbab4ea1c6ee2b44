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

function holdingTurn(transaction: Transaction, release: () => void): Transaction {
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return {
    get provider() {
      return transaction.provider;
    },
    get adapterName() {
      return transaction.adapterName;
    },
    get options() {
      return transaction.options;
    },
    queryRaw: (query: Query) => transaction.queryRaw(query),
    executeRaw: (query: Query) => transaction.executeRaw(query),
    async commit() {
      try {
        await transaction.commit();
      } finally {
        releaseOnce();
      }
    },
    async rollback() {
      try {
        await transaction.rollback();
      } finally {
        releaseOnce();
      }
    },
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
      const release = await turn.acquire();
      try {
        return holdingTurn(await adapter.startTransaction(isolationLevel), release);
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
