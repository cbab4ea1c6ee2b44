// `npm run setup`: derive the PostgreSQL schema, generate both Prisma clients, and apply the
// committed migrations to the database DATABASE_URL names (SQLite under prisma/ by default).
// `--clients-only` and `--migrations-only` do one half (the production image's build and start).
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { writePostgresSchema } from "./gen-pg-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(root, "node_modules/.bin/prisma");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

function prisma(args) {
  execFileSync(prismaBin, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
}

export function generateClients({ quiet = false } = {}) {
  writePostgresSchema();
  const generateArgs = quiet ? ["--no-hints"] : [];
  prisma(["generate", "--schema", "prisma/schema.prisma", ...generateArgs]);
  prisma(["generate", "--schema", "prisma/postgres/schema.prisma", ...generateArgs]);
}

/**
 * Several instances started together all apply the migrations: Prisma lets one hold its lock and
 * the others wait, and a wait past its timeout (P1002) is tried again rather than ending the start.
 */
export function applyMigrations({ attempts = 6 } = {}) {
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(prismaBin, ["migrate", "deploy"], { cwd: root, env, encoding: "utf8" });
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    if (result.status === 0) return;
    const lockTimeout = /\bP1002\b/.test(`${result.stdout}${result.stderr}`);
    if (!lockTimeout || attempt >= attempts) throw new Error(`prisma migrate deploy exited with ${result.status ?? result.signal}`);
    console.error(`migrations: another instance holds the lock; trying again (${attempt}/${attempts - 1})`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000 * attempt);
  }
}

export function setup({ quiet = false } = {}) {
  generateClients({ quiet });
  applyMigrations();
}

// The production image generates the clients when it is built (--clients-only) and applies the
// migrations when it starts (--migrations-only), where the app's files are read-only to it.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes("--clients-only")) generateClients();
    else if (process.argv.includes("--migrations-only")) applyMigrations();
    else setup();
  } catch (error) {
    console.error(`setup failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
