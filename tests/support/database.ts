// A fresh, migrated database for a test run: a new SQLite file, or a new PostgreSQL database on
// the local server (127.0.0.1:5432, trust auth). Both are copies of a database migrated through the
// committed migrations.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
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

/** Names the committed migrations of one provider by their content, so a template is never stale. */
function migrationsFingerprint(kind: DatabaseKind): string {
  const folder = path.join(root, kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations");
  const hash = createHash("sha256");
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile())
    .map((file) => path.join(file.parentPath, file.name))
    .sort()) {
    hash.update(path.relative(folder, entry)).update("\0").update(readFileSync(entry)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

// Every test database starts as a copy of one migrated through the committed migrations once per
// set of migrations: `prisma migrate deploy` costs seconds per database (most of the integration
// stages' time), a copy milliseconds. Code that must apply the migrations itself asks for
// `migrated: false` and gets an empty database.
const templates = new Map<DatabaseKind, string>();

function sqliteTemplate(): string {
  const known = templates.get("sqlite");
  if (known) return known;
  const dir = path.join(outputDir, "templates");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sqlite_${migrationsFingerprint("sqlite")}.sqlite`);
  if (!existsSync(file)) {
    // Built aside and renamed into place, so a test process beside this one never copies half of it.
    const building = `${file}.${randomBytes(4).toString("hex")}.building`;
    migrate(`file:${building}`);
    for (const suffix of ["-wal", "-shm"]) rmSync(building + suffix, { force: true });
    renameSync(building, file);
  }
  templates.set("sqlite", file);
  return file;
}

async function postgresTemplate(admin: pg.Client): Promise<string> {
  const known = templates.get("postgres");
  if (known) return known;
  const name = `pd_template_${migrationsFingerprint("postgres")}`;
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (exists.rowCount === 0) {
    // Migrated under another name, then renamed: a test run beside this one either sees no
    // template yet or a complete one, and the loser of a race drops its copy.
    const building = `pd_building_${randomBytes(4).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${building}`;
    migrate(url.toString());
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      const raced = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (raced.rowCount === 0) throw error;
    }
  }
  templates.set("postgres", name);
  return name;
}

async function copyPostgresTemplate(admin: pg.Client, name: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      // 55006: a moment when another process still held a connection to the template (its
      // migration's pool closing); anything else, or a lasting hold, is a real failure.
      if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
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
    if (migrated) copyFileSync(sqliteTemplate(), file);
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
  if (migrated) await copyPostgresTemplate(admin, name, await postgresTemplate(admin));
  else await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
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
