// `npm run setup`: derive the PostgreSQL schema, generate both Prisma clients, and apply the
// committed migrations to the database DATABASE_URL names (SQLite under prisma/ by default).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { writePostgresSchema } from "./gen-pg-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(root, "node_modules/.bin/prisma");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

function prisma(args) {
  execFileSync(prismaBin, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
}

export function setup({ quiet = false } = {}) {
  writePostgresSchema();
  const generateArgs = quiet ? ["--no-hints"] : [];
  prisma(["generate", "--schema", "prisma/schema.prisma", ...generateArgs]);
  prisma(["generate", "--schema", "prisma/postgres/schema.prisma", ...generateArgs]);
  prisma(["migrate", "deploy"]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    setup();
  } catch (error) {
    console.error(`setup failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
