// How the app's Prisma client is built. SQLite (better-sqlite3) by default, PostgreSQL when
// DATABASE_URL says postgres://. Each provider has its own generated client (one schema fixes one
// provider); both expose the same models, so the app is typed against the SQLite one.
// Tests and scripts build their own clients here; the app uses the singleton in db.server.ts.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "#prisma/sqlite";
import { PrismaClient as PostgresClient } from "#prisma/postgres";
import { databaseTarget, type DatabaseTarget } from "./db.target";
import { isMainThread } from "node:worker_threads";
import { LOCK_WAIT_MS, serialisedSqlite } from "./db.sqliteConnection";
import { directSqlFactory } from "./db.directSql";
import { observed, type StatementObserver } from "./db.statements";

export type Db = SqliteClient;
export { Prisma } from "#prisma/sqlite";

export interface DbOptions {
  /** Sees every statement as the driver is given it (tests assert on what an erasure sends). */
  onStatement?: StatementObserver;
}

/**
 * Columns no query returns unless it selects them by name: the keyed hashes that find a person for
 * erasure. Whatever the app hands out (pages, loader data, exports, packages) is built from rows
 * that never carry them (issue 11: internal hashes never leave the app).
 */
export const INTERNAL_COLUMNS = {
  privacyRequest: { emailHash: true, phoneHash: true, statusTokenHash: true },
  webhookEvent: { subjectKey: true },
  // Sealed links of mail not yet sent: read only by the mail worker.
  outboundMail: { sealedLinks: true },
} as const;

export function createDb(target: DatabaseTarget = databaseTarget(process.env.DATABASE_URL), options: DbOptions = {}): Db {
  if (target.provider === "postgresql") {
    // The background thread's loops each run one statement at a time: a few connections serve them.
    const pool = new PrismaPg({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_SIZE || (isMainThread ? 10 : 4)) });
    const { factory, register } = directSqlFactory(observed(pool, options.onStatement), "postgresql");
    const client = new PostgresClient({ adapter: factory, omit: INTERNAL_COLUMNS });
    register(client);
    return client as unknown as Db;
  }
  // No busy timeout in the thread that answers HTTP (see prepareDatabase), from the first statement.
  const sqlite = observed(new PrismaBetterSQLite3({ url: target.url, timeout: isMainThread ? 0 : LOCK_WAIT_MS }), options.onStatement);
  const { factory, register } = directSqlFactory(serialisedSqlite(sqlite), "sqlite");
  // Typed as the plain client: the omitted columns are only ever read through an explicit select.
  const client = new SqliteClient({ adapter: factory, omit: INTERNAL_COLUMNS }) as unknown as Db;
  register(client);
  return client;
}

/** SQLite's own default: a checkpoint once the log holds this many pages. */
const DEFAULT_WAL_AUTOCHECKPOINT = 1000;

export const databaseProvider = (): DatabaseTarget["provider"] =>
  databaseTarget(process.env.DATABASE_URL).provider;

/**
 * SQLite settings that matter for durability and for erasure: WAL survives a process crash without
 * losing committed rows; secure_delete overwrites freed pages so erased data cannot be read back.
 */
export async function prepareDatabase(db: Db, provider = databaseProvider()): Promise<void> {
  if (provider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  // The thread that answers HTTP never blocks on the write lock: its statements wait on timers
  // (db.sqliteConnection.ts). The background thread may block; SQLite's own wait serves it.
  await db.$executeRawUnsafe(`PRAGMA busy_timeout = ${isMainThread ? 0 : LOCK_WAIT_MS}`);
  // SQLite checkpoints the log from inside the commit that takes it past 1,000 pages, synchronously:
  // on the HTTP thread that commit was an acknowledgement, and the copy and its fsync stopped the
  // event loop for tens of milliseconds (up to 250 ms measured, docs/benchmarks-backlog.md). The
  // HTTP thread's connection never checkpoints; the background work does (walCheckpointLoop.server.ts).
  await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${isMainThread ? 0 : DEFAULT_WAL_AUTOCHECKPOINT}`);
  await db.$queryRawUnsafe("PRAGMA secure_delete = ON");
}

/**
 * One passive SQLite checkpoint (walCheckpointLoop.server.ts): it neither waits for nor keeps out
 * other connections. Returns the frames in the log and how many of them are in the database now.
 */
export async function checkpointWal(db: Db): Promise<{ frames: number; checkpointed: number }> {
  const [row] = await db.$queryRawUnsafe<Array<{ log: number | bigint; checkpointed: number | bigint }>>("PRAGMA wal_checkpoint(PASSIVE)");
  return { frames: Number(row?.log ?? 0), checkpointed: Number(row?.checkpointed ?? 0) };
}
