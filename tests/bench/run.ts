// `npm run bench`: builds the app (the npm script does), runs every benchmark against the
// production build, and writes the figures with the machine and the command to docs/benchmarks.md.
// Run one: `npm run bench -- webhooks` (names: webhooks, storefront, requests-list, backlog).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { machineDescription } from "./harness";

interface Benchmark {
  name: string;
  run(): Promise<string>;
}

const root = path.resolve(import.meta.dirname, "../..");
const benchmarks: Benchmark[] = [
  { name: "webhooks", run: async () => (await import("./webhooks.bench")).runWebhookBenchmark() },
  { name: "storefront", run: async () => (await import("./storefront-browser")).runStorefrontBenchmark() },
  { name: "requests-list", run: async () => (await import("./requests-list.bench")).runRequestsListBenchmark() },
  { name: "backlog", run: async () => (await import("./backlog.bench")).runBacklogBenchmark() },
];

const chosen = process.argv.slice(2);
const sections: string[] = [];
for (const benchmark of benchmarks) {
  if (chosen.length && !chosen.includes(benchmark.name)) continue;
  console.log(`\n=== benchmark: ${benchmark.name} ===`);
  sections.push(await benchmark.run());
}

const command = `npm run bench${chosen.length ? ` -- ${chosen.join(" ")}` : ""}`;
const report = `# Benchmarks\n\nWritten by \`${command}\` (tests/bench/run.ts). Machine:\n\n${machineDescription()}\n\n${sections.join("\n\n")}\n`;
mkdirSync(path.join(root, "docs"), { recursive: true });
const file = path.join(root, "docs", chosen.length === 1 ? `benchmarks-${chosen[0]}.md` : "benchmarks.md");
writeFileSync(file, report);
console.log(`\nwrote ${path.relative(root, file)}`);
process.exit(0);
