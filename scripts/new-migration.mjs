// Authors the next migration for both providers without a shadow database:
//   node scripts/new-migration.mjs <name>
// The SQL is the difference between prisma/migrations/schema.snapshot.prisma (the schema the
// existing migrations produce) and prisma/schema.prisma; the snapshot then moves forward.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresSchemaFrom, writePostgresSchema } from "./gen-pg-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: node scripts/new-migration.mjs <name>");
  process.exit(2);
}
const snapshot = path.join(root, "prisma/migrations/schema.snapshot.prisma");
const current = path.join(root, "prisma/schema.prisma");
const work = mkdtempSync(path.join(tmpdir(), "migration-"));
const oldPg = path.join(work, "old.prisma");
writeFileSync(oldPg, postgresSchemaFrom(readFileSync(snapshot, "utf8")));
const newPg = writePostgresSchema();

function diff(from, to, databaseUrl) {
  return execFileSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

const sqliteSql = diff(snapshot, current, "file:prisma/dev.sqlite");
if (/^-- This is an empty migration\./m.test(sqliteSql) || sqliteSql.trim() === "") {
  console.log("schema unchanged: no migration written");
  process.exit(0);
}
const pgSql = diff(oldPg, newPg, "postgres://postgres@127.0.0.1:5432/test");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [folder, sql] of [["prisma/migrations", sqliteSql], ["prisma/postgres/migrations", pgSql]]) {
  const dir = path.join(root, folder, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
}
copyFileSync(current, snapshot);
