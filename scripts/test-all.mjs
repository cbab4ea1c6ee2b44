// The suite after typecheck, lint and build: unit tests, contract tests against Shopify's published
// facts, integration tests against the built server on SQLite and then on PostgreSQL, the production
// Dockerfile's steps, and browser tests in Chromium. Ends with the failed tests, named from the JSON
// reports (CI keeps only the tail of the output), and one summary line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
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
/** What each failed test (or test file that failed as a whole) was, for the tail of the output. */
const failedTests = [];
for (const stage of stages) {
  const report = path.join(out, `vitest-${stage.name.replace(":", "-")}.json`);
  const hookReport = path.join(out, `vitest-${stage.name.replace(":", "-")}.hooks.json`);
  // A report left by an earlier run would stand in for a stage that crashed before writing its own.
  for (const file of [report, hookReport]) rmSync(file, { force: true });
  console.log(`\n=== ${stage.name} ===`);
  const args = ["vitest", "run", "--project", stage.project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, "--reporter=./scripts/vitest-hook-failures.mjs", "--passWithNoTests"];
  if (stage.project !== "unit") args.push("--no-file-parallelism");
  const result = spawnSync("npx", args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...stage.env, PRIVACY_DESK_QUIET: "1", PRIVACY_DESK_HOOK_FAILURES: hookReport },
  });
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    if (json.numFailedTests > 0 || result.status !== 0) failures.push(stage.name);
    const hooks = existsSync(hookReport)
      ? JSON.parse(readFileSync(hookReport, "utf8")).map((hook) => ({ stage: stage.name, ...hook, file: hook.file && path.relative(root, hook.file) }))
      : [];
    // A file failed only by a describe block's hook has no message of its own: its hook's entry names it.
    failedTests.push(...failedIn(stage.name, json).filter((entry) => entry.message || !hooks.some((hook) => hook.file === entry.file)), ...hooks);
  } else {
    failures.push(stage.name);
    failed += 1;
    failedTests.push({ stage: stage.name, file: "(no report)", name: `vitest ended with status ${result.status ?? result.signal}`, message: "" });
  }
}
printFailedTests(failedTests);
if (failures.length) console.log(`\nfailed stages: ${failures.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length ? 1 : 0);

/** Failed tests of one stage's vitest JSON report, and files that failed without a failed test (an import error, a failed hook). */
function failedIn(stage, json) {
  const found = [];
  for (const file of json.testResults ?? []) {
    const where = path.relative(root, file.name);
    const tests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of tests) {
      const message = test.failureMessages?.[0] ?? "";
      found.push({ stage, file: where + lineIn(message, file.name), name: test.fullName, message });
    }
    if (tests.length === 0 && file.status === "failed") found.push({ stage, file: where, name: "(the file itself)", message: file.message ?? "" });
  }
  return found;
}

/** ":line" of the test file where the stack of a failure passes through it, or "". */
function lineIn(stack, file) {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):\\d+`).exec(stack);
  return match ? `:${match[1]}` : "";
}

/** The first lines of a failure: its message, without the stack (the report keeps that). */
function firstLines(message, count = 8, width = 300) {
  const lines = message.split("\n").filter((line) => line.trim() !== "" && !/^\s+at /.test(line));
  const shown = lines.slice(0, count).map((line) => (line.length > width ? `${line.slice(0, width)}…` : line));
  if (lines.length > count) shown.push(`… ${lines.length - count} more lines in the stage's JSON report`);
  return shown;
}

function printFailedTests(list, limit = 20) {
  if (list.length === 0) return;
  console.log(`\nfailed tests (${list.length}; reports in ${path.relative(root, out)}/vitest-<stage>.json):`);
  for (const test of list.slice(0, limit)) {
    console.log(`\n✗ [${test.stage}] ${test.file}\n  ${test.name}`);
    for (const line of firstLines(test.message)) console.log(`    ${line}`);
  }
  if (list.length > limit) console.log(`\n… and ${list.length - limit} more failed tests in the reports`);
}
