// A fresh, migrated database for a test run: a new SQLite file, or a new PostgreSQL database on
// the local server (127.0.0.1:5432, trust auth). Both go through the committed migrations.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, prepareDatabase, type Db, type DbOptions } from "../../app/db.factory";
import type { DatabaseTarget } from "../../app/db.target";

export type DatabaseKind = "sqlite" | "postgres";


export const root = path.resolve(import.meta.dirname, "../..");
export const outputDir = path.join(root, "tests/output");
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Which database the current test run targets (scripts/test-all.mjs runs integration tests once per kind). */
export function currentDatabaseKind(): DatabaseKind {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  target: DatabaseTarget;
  /** A Prisma client of the test process, for arranging and inspecting data. */
  db: Db;
  /** The SQLite file, to read its bytes after an erasure. */
  file?: string;
  drop(): Promise<void>;
}

function migrate(url: string) {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}

/**
 * `migrated: false` leaves the database empty, for code that must apply the migrations itself;
 * `onStatement` sees every statement the client sends.
 */
export async function createTestDatabase(
  kind: DatabaseKind = currentDatabaseKind(),
  label = "t",
  { migrated = true, ...options }: { migrated?: boolean } & DbOptions = {},
): Promise<TestDatabase> {
  const name = `pd_${label.replace(/\W/g, "_").slice(0, 20)}_${randomBytes(4).toString("hex")}`;
  if (kind === "sqlite") {
    mkdirSync(outputDir, { recursive: true });
    const file = path.join(outputDir, `${name}.sqlite`);
    const url = `file:${file}`;
    if (migrated) migrate(url);
    const target = { provider: "sqlite", url } as const;
    const db = createDb(target, options);
    await prepareDatabase(db, "sqlite");
    return {
      kind,
      url,
      target,
      db,
      file,
      async drop() {
        await db.$disconnect();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  if (migrated) migrate(url.toString());
  const target = { provider: "postgresql", url: url.toString() } as const;
  const db = createDb(target, options);
  return {
    kind,
    url: url.toString(),
    target,
    db,
    async drop() {
      await db.$disconnect();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Every text the database holds, as bytes of its files (SQLite) or as text of every row (PostgreSQL). */
export async function databaseText(database: TestDatabase): Promise<string> {
  if (database.kind === "sqlite") {
    return [database.file!, `${database.file}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString("latin1") + "\n" + readFileSync(file).toString("utf8"))
      .join("\n");
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const rows = await client.query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
    parts.push(...rows.rows.map((r) => r.row as string));
  }
  await client.end();
  return parts.join("\n");
}
