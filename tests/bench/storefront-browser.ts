// What the theme app extension costs a storefront page in Chromium (issue 5 item 5): the sandbox's
// storefront page (sandbox/start.ts on a free port with a throwaway SQLite database, the blocks
// rendered from the extension's Liquid with the published policy) loaded with the blocks and embed,
// with their HTML and CSS but not their scripts, and without them (`?blocks=all|markup|none`).
// CPU slowed 4× like Lighthouse's mobile profile. Reports long tasks, render-blocking requests,
// layout shift and load timing (medians of interleaved runs).
// `npm run bench -- storefront` (after a build), or `node --import tsx tests/bench/storefront-browser.ts [runs]`.
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { createTestDatabase } from "../support/database";
import { startSandbox } from "../support/sandbox";
import { machineDescription } from "./harness";
import { sizeTable } from "./storefront-size";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

// Shopify provides window.Shopify on every storefront; the sandbox page loads its stand-in for it
// (sandbox/public/customer-privacy.js, one deferred script) in every variant. Each sample is a fresh
// browser context in the default region (EU) with nothing stored, so the banner's code path runs in full.

const OBSERVERS = `
window.__pd = { longTasks: [], shift: 0 };
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__pd.longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__pd.shift += e.value; }).observe({ type: "layout-shift", buffered: true });
`;

// Plain JavaScript as a string: the bench runs under tsx, whose helpers would not exist in the page.
const COLLECT = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const resources = performance.getEntriesByType("resource");
  const pd = window.__pd;
  const where = (element) => new URL(element.getAttribute("src") || element.getAttribute("href") || "", location.href).pathname;
  const sync = "script[src]:not([async]):not([defer]):not([type=module])";
  return {
    responseStart: nav.responseStart,
    fcp: paint ? paint.startTime : NaN,
    domContentLoaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    longTasks: pd.longTasks.length,
    longTaskMs: pd.longTasks.reduce((sum, d) => sum + d, 0),
    layoutShift: pd.shift,
    renderBlocking: resources.filter((r) => r.renderBlockingStatus === "blocking").map((r) => new URL(r.name).pathname),
    headBlocking: [...document.head.querySelectorAll(sync + ", link[rel=stylesheet]")].map(where),
    syncScripts: [...document.querySelectorAll(sync)].map(where),
    requests: resources.length,
  };
})()`;

/** The `blocks` switch of the sandbox storefront page. */
const VARIANTS = ["none", "markup", "all"] as const;
type Variant = (typeof VARIANTS)[number];

export interface LoadSample {
  responseStart: number;
  fcp: number;
  domContentLoaded: number;
  load: number;
  longTasks: number;
  longTaskMs: number;
  layoutShift: number;
  /** Resource timing's renderBlockingStatus = "blocking". */
  renderBlocking: string[];
  /** Scripts without async/defer/module and stylesheets, in <head>: what blocks the first render by markup. */
  headBlocking: string[];
  /** Scripts anywhere without async/defer/module: they stop the parser. */
  syncScripts: string[];
  requests: number;
}

export type Samples = Record<Variant, LoadSample[]>;

async function sample(browser: Browser, url: string): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVERS);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(url, { waitUntil: "load" });
    // Long tasks from the deferred scripts' work after load are still counted.
    await page.waitForTimeout(300);
    return (await page.evaluate(COLLECT)) as LoadSample;
  } finally {
    await context.close();
  }
}

export async function measureStorefront(runs = 15): Promise<Samples> {
  const database = await createTestDatabase("sqlite", "storefront-bench");
  const sandbox = await startSandbox(database.url);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const samples: Samples = { none: [], markup: [], all: [] };
  try {
    // One discarded round first: the browser's first pages pay its start-up and the server's warm-up.
    for (let run = -VARIANTS.length; run < runs * VARIANTS.length; run++) {
      const variant = VARIANTS[(run + VARIANTS.length) % VARIANTS.length];
      const result = await sample(browser, `${sandbox.url}/sandbox/storefront?lang=ja&blocks=${variant}`);
      if (run >= 0) samples[variant].push(result);
    }
  } finally {
    await browser.close();
    await sandbox.stop();
    await database.drop();
  }
  return samples;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const distinct = (samples: LoadSample[], pick: (s: LoadSample) => string[]) => [...new Set(samples.flatMap(pick))];

/** What the page with the blocks has that the page without them has not. */
function added(samples: Samples, pick: (s: LoadSample) => string[]): string[] {
  const without = new Set(distinct(samples.none, pick));
  return distinct(samples.all, pick).filter((name) => !without.has(name));
}

export function browserTable(samples: Samples): string {
  const signed = (value: number, digits: number) => (value >= 0 ? "+" : "") + value.toFixed(digits);
  const row = (label: string, pick: (s: LoadSample) => number, digits = 0) => {
    const [none, markup, all] = VARIANTS.map((variant) => median(samples[variant].map(pick)));
    return `| ${label} | ${none.toFixed(digits)} | ${markup.toFixed(digits)} | ${all.toFixed(digits)} | ${signed(all - none, digits)} | ${signed(all - markup, digits)} |`;
  };
  const list = (names: string[]) => (names.length ? names.map((name) => `\`${name}\``).join(", ") : "none");
  const longTaskRuns = (variant: Variant) => samples[variant].filter((s) => s.longTasks > 0).length;
  return [
    `Runs: ${samples.all.length} of each page (interleaved, after one discarded round), CPU throttled 4×, 412×823 viewport; medians.`,
    "",
    "| Measure | Without blocks (`blocks=none`) | Blocks' HTML/CSS only (`blocks=markup`) | With blocks and embed | Δ blocks in all | Δ of their JS |",
    "|---|---:|---:|---:|---:|---:|",
    row("Server response start (ms)", (s) => s.responseStart),
    row("First contentful paint (ms)", (s) => s.fcp),
    row("DOMContentLoaded (ms)", (s) => s.domContentLoaded),
    row("Load event end (ms)", (s) => s.load),
    row("FCP after the response (ms)", (s) => s.fcp - s.responseStart),
    row("DOMContentLoaded after the response (ms)", (s) => s.domContentLoaded - s.responseStart),
    row("Load after the response (ms)", (s) => s.load - s.responseStart),
    row("Long tasks (count)", (s) => s.longTasks),
    row("Long task time (ms)", (s) => s.longTaskMs),
    row("Cumulative layout shift", (s) => s.layoutShift, 4),
    row("Subresource requests", (s) => s.requests),
    "",
    `- Runs with any long task: without blocks ${longTaskRuns("none")}/${samples.none.length}, HTML/CSS only ${longTaskRuns("markup")}/${samples.markup.length}, with blocks ${longTaskRuns("all")}/${samples.all.length}.`,
    `- Render-blocking requests (resource timing) on the page without blocks: ${list(distinct(samples.none, (s) => s.renderBlocking))}; added by the blocks: ${list(added(samples, (s) => s.renderBlocking))}.`,
    `- Stylesheets and synchronous scripts in \`<head>\` added by the blocks: ${list(added(samples, (s) => s.headBlocking))}; synchronous scripts anywhere added by the blocks: ${list(added(samples, (s) => s.syncScripts))}.`,
  ].join("\n");
}

/** The Markdown section `npm run bench -- storefront` writes. */
export async function runStorefrontBenchmark(runs = Number(process.env.BENCH_RUNS || 15)): Promise<string> {
  const samples = await measureStorefront(runs);
  return [
    "## Storefront: the sandbox page with and without the theme extension",
    "",
    "Bytes per block (raw and gzipped):",
    "",
    sizeTable(),
    "",
    "In Chromium:",
    "",
    browserTable(samples),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const runs = Number(process.argv[2] ?? 15);
  console.log(await runStorefrontBenchmark(runs));
  console.log(`\nMachine:\n\n${machineDescription()}`);
  process.exit(0);
}
