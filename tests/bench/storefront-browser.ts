// What the theme app extension costs a storefront page in Chromium: the same theme stand-in page
// loaded with and without the blocks (privacy policy, request form, consent banner embed), CPU
// slowed 4× like Lighthouse's mobile profile. Reports long tasks, render-blocking requests, layout
// shift and load timing (medians). `node --import tsx tests/bench/storefront-browser.ts [runs]`
// prints a Markdown section for docs/storefront-performance.md.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { extensionRoot, policyMetafield, renderAppBlock } from "../support/liquid";
import { fixturePolicy } from "../unit/storefront/fixturePolicy";
import { sizeTable } from "./storefront-size";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

// Shopify provides window.Shopify on every storefront; this stand-in answers like a visitor in a
// region that requires a banner, so the banner's code path runs in full.
const SHOPIFY_STUB = `<script>window.Shopify={loadFeatures:function(f,cb){setTimeout(function(){cb()},0)},customerPrivacy:{shouldShowBanner:function(){return true},currentVisitorConsent:function(){return {analytics:"",marketing:"",preferences:"",sale_of_data:""}},setTrackingConsent:function(c,cb){cb({})}}};</script>`;

type Variant = "without" | "markup" | "with";
const VARIANTS: Variant[] = ["without", "markup", "with"];

/** without: the theme alone; markup: the blocks' HTML and inline CSS but not their scripts; with: everything. */
async function themePage(variant: Variant): Promise<string> {
  const withBlocks = variant !== "without";
  const paragraphs = Array.from({ length: 12 }, (_, i) => `<p>真珠のお手入れについて ${i + 1}。柔らかい布で汗や皮脂を拭き取り、湿気の少ない場所に保管してください。</p>`).join("");
  let blocks = "";
  if (withBlocks) {
    const options = { locale: "ja", metafields: policyMetafield(fixturePolicy), assetBase: "/assets" };
    for (const name of ["privacy-policy", "request-form", "consent-banner"]) {
      const rendered = await renderAppBlock(name, options);
      blocks += rendered.html + (variant === "with" ? rendered.scriptTags : "");
    }
  }
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>qui pearl project</title>
<style>body{font:16px/1.7 system-ui,sans-serif;margin:0;color:#222}header,main,footer{max-width:960px;margin:0 auto;padding:16px}.button{padding:.6em 1.2em;border:1px solid #222;background:#fff}</style>
${SHOPIFY_STUB}</head><body><header><strong>qui pearl project</strong></header>
<main><h1>プライバシーについて</h1>${paragraphs}${blocks}</main><footer>© qui pearl project</footer></body></html>`;
}

async function startThemeServer(): Promise<{ server: Server; url: string }> {
  const pages: Record<Variant, string> = { without: await themePage("without"), markup: await themePage("markup"), with: await themePage("with") };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname.startsWith("/assets/")) {
      const file = path.join(extensionRoot, "assets", path.basename(url.pathname));
      try {
        const body = readFileSync(file);
        res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Content-Length": body.length });
        return res.end(body);
      } catch {
        res.writeHead(404);
        return res.end();
      }
    }
    if (url.pathname !== "/") {
      res.writeHead(404);
      return res.end();
    }
    const body = pages[(url.searchParams.get("variant") as Variant) ?? "without"] ?? pages.without;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}` };
}

export interface LoadSample {
  fcp: number;
  domContentLoaded: number;
  load: number;
  longTasks: number;
  longTaskMs: number;
  layoutShift: number;
  blocking: string[];
  requests: number;
}

const OBSERVERS = `
window.__pd = { longTasks: [], shift: 0 };
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__pd.longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__pd.shift += e.value; }).observe({ type: "layout-shift", buffered: true });
`;

export type Samples = Record<Variant, LoadSample[]>;

export async function measureStorefront(runs = 15): Promise<Samples> {
  const { server, url } = await startThemeServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const samples: Samples = { without: [], markup: [], with: [] };
  try {
    // One discarded round first: the browser's first page pays its own start-up.
    for (let run = -VARIANTS.length; run < runs * VARIANTS.length; run++) {
      const variant = VARIANTS[(run + VARIANTS.length) % VARIANTS.length];
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      await page.addInitScript(OBSERVERS);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await page.goto(`${url}/?variant=${variant}`, { waitUntil: "load" });
      await page.waitForTimeout(300);
      const sample = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
        const resources = performance.getEntriesByType("resource") as Array<PerformanceResourceTiming & { renderBlockingStatus?: string }>;
        const pd = (window as unknown as { __pd: { longTasks: number[]; shift: number } }).__pd;
        return {
          fcp,
          domContentLoaded: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
          longTasks: pd.longTasks.length,
          longTaskMs: pd.longTasks.reduce((sum, d) => sum + d, 0),
          layoutShift: pd.shift,
          blocking: resources.filter((r) => r.renderBlockingStatus === "blocking").map((r) => new URL(r.name).pathname),
          requests: resources.length,
        };
      });
      if (run >= 0) samples[variant].push(sample);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return samples;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export function browserTable(samples: Samples): string {
  const signed = (value: number, digits: number) => (value >= 0 ? "+" : "") + value.toFixed(digits);
  const row = (label: string, pick: (s: LoadSample) => number, digits = 0) => {
    const [a, m, b] = VARIANTS.map((variant) => median(samples[variant].map(pick)));
    return `| ${label} | ${a.toFixed(digits)} | ${m.toFixed(digits)} | ${b.toFixed(digits)} | ${signed(b - a, digits)} | ${signed(b - m, digits)} |`;
  };
  const blocking = [...new Set(samples.with.flatMap((s) => s.blocking))];
  return [
    `Runs: ${samples.with.length} of each page (interleaved, after one discarded round), CPU throttled 4×, 412×823 viewport; medians.`,
    "",
    "| Measure | Theme alone | + blocks' HTML/CSS | + blocks with JS | Δ blocks in all | Δ of the JS |",
    "|---|---:|---:|---:|---:|---:|",
    row("First contentful paint (ms)", (s) => s.fcp),
    row("DOMContentLoaded (ms)", (s) => s.domContentLoaded),
    row("Load event end (ms)", (s) => s.load),
    row("Long tasks (count)", (s) => s.longTasks),
    row("Long task time (ms)", (s) => s.longTaskMs),
    row("Cumulative layout shift", (s) => s.layoutShift, 4),
    row("Subresource requests", (s) => s.requests),
    "",
    `Render-blocking requests with the blocks: ${blocking.length ? blocking.join(", ") : "none"}.`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const runs = Number(process.argv[2] ?? 15);
  console.log(sizeTable());
  console.log("");
  console.log(browserTable(await measureStorefront(runs)));
}
