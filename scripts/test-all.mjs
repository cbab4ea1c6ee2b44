// The suite after typecheck, lint and build: unit tests, contract tests against Shopify's published
// facts, integration tests against the built server on SQLite and then on PostgreSQL, the production
// Dockerfile's steps, and browser tests in Chromium. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "tests/output");
mkdirSync(out, { recursive: true });

const only = process.argv.slice(2); // e.g. `node scripts/test-all.mjs unit integration:sqlite`
const stages = [
  { name: "unit", project: "unit", env: {} },
  { name: "contract", project: "contract", env: {} },
  { name: "integration:sqlite", project: "integration", env: { TEST_DATABASE: "sqlite" } },
  { name: "integration:postgres", project: "integration", env: { TEST_DATABASE: "postgres" } },
  { name: "deploy", project: "deploy", env: {} },
  { name: "browser", project: "browser", env: {} },
].filter((stage) => only.length === 0 || only.includes(stage.name) || only.includes(stage.project));

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const stage of stages) {
  const report = path.join(out, `vitest-${stage.name.replace(":", "-")}.json`);
  console.log(`\n=== ${stage.name} ===`);
  const args = ["vitest", "run", "--project", stage.project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, "--passWithNoTests"];
  if (stage.project !== "unit") args.push("--no-file-parallelism");
  const result = spawnSync("npx", args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...stage.env, PRIVACY_DESK_QUIET: "1" },
  });
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    if (json.numFailedTests > 0 || result.status !== 0) failures.push(stage.name);
  } else {
    failures.push(stage.name);
    failed += 1;
  }
}
if (failures.length) console.log(`\nfailed stages: ${failures.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length ? 1 : 0);
