// Derives the PostgreSQL schema from the SQLite one (the source of truth), so the two providers
// can never drift. Run by `npm run setup`; a unit test fails when the committed copy is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function postgresSchemaFrom(sqliteSchema) {
  const body = sqliteSchema
    .replace(/^\/\/ SQLite is the source schema\.[^\n]*\n(\/\/[^\n]*\n)*/m, "")
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:dev.sqlite"', 'url      = "postgresql://localhost:5432/placeholder"')
    .replace('output     = "generated/sqlite"', 'output     = "../generated/postgres"');
  return "// GENERATED from prisma/schema.prisma by scripts/gen-pg-schema.mjs. Do not edit.\n\n" + body;
}

export function writePostgresSchema() {
  const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  mkdirSync(path.join(root, "prisma/postgres"), { recursive: true });
  const target = path.join(root, "prisma/postgres/schema.prisma");
  writeFileSync(target, postgresSchemaFrom(source));
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${path.relative(root, writePostgresSchema())}`);
}
