// Backlog benchmark (issue 15): the production build with 100,000 pending webhook events (60 %
// customers/redact, 20 % customers/data_request, 20 % email consent updates, over 10,000 customers
// of 10 shops). Side by side, on SQLite and PostgreSQL: the app with its worker held back (the
// floor) and the app draining, each under 50 connections of new signed deliveries, with an admin
// page fetched one at a time and the event-loop delay of the process that answers HTTP
// (tests/bench/loop-delay.mjs). Then the flood-then-drain case of the issue, and the time of one
// customers/redact with 10 k, 100 k and 1 M rows in the shop's tables.
// `npm run bench -- backlog`; BENCH_SECONDS (default 10) per measured window, BENCH_BACKLOG
// (default 100000) events, BENCH_ERASURE_ROWS (default 10000,100000,1000000).
import { execFileSync } from "node:child_process";
import pg from "pg";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../support/database";
import { BROWSER_UA, freePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { mintSessionToken } from "../support/sessionToken";
import { startAdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP } from "../support/fixtures";
import { TEST_HASH_KEY } from "../support/hashKey";
import { compliancePayloads, signedWebhook, signWebhookBody } from "../support/webhooks";
import { runLoad, percentile, seconds, type LoadResult } from "./harness";
import { WebhookInbox } from "../../app/privacy/webhooks/inbox";
import { eraseCustomer, reclaimErasedSpace } from "../../app/privacy/erasure";
import { Prisma } from "#prisma/sqlite";
import { seedFootprint } from "../unit/erasure/footprint";

// The app's hash key, so the inbox keys written here match the ones the app computes.
process.env.PRIVACY_DESK_HASH_KEY ||= TEST_HASH_KEY;

const SHOPS = Array.from({ length: 10 }, (_, i) => `backlog-${i}.myshopify.com`);
const CUSTOMERS_PER_SHOP = 1_000;
const ACK_SHOP = "backlog-acks.myshopify.com";
const backlogSize = () => Number(process.env.BENCH_BACKLOG || 100_000);
const erasureSizes = () => (process.env.BENCH_ERASURE_ROWS || "10000,100000,1000000").split(",").map(Number);

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The mixed backlog, committed through the app's own inbox (as acknowledged deliveries are). */
async function fillBacklog(database: TestDatabase, total: number): Promise<number> {
  const started = performance.now();
  const inbox = new WebhookInbox(database.db);
  const next = random(15);
  const chunk = 5_000;
  for (let start = 0; start < total; start += chunk) {
    const deliveries = [];
    for (let i = start; i < Math.min(total, start + chunk); i++) {
      const shop = SHOPS[Math.floor(next() * SHOPS.length)];
      const id = 8_000_000 + Math.floor(next() * CUSTOMERS_PER_SHOP);
      const email = `c${id}@example.jp`;
      const roll = next();
      const [topic, payload] =
        roll < 0.6
          ? ["customers/redact", compliancePayloads.customerRedact(shop, { id, email })]
          : roll < 0.8
            ? ["customers/data_request", compliancePayloads.dataRequest(shop, { id, email })]
            : [
                "customers_email_marketing_consent/update",
                { customer_id: id, email_address: email, email_marketing_consent: { state: next() < 0.5 ? "subscribed" : "unsubscribed", opt_in_level: "single_opt_in", consent_updated_at: new Date().toISOString() } },
              ];
      const body = JSON.stringify(payload);
      deliveries.push({ topic, shop, webhookId: `backlog-${i}`, apiVersion: "2026-07", signature: signWebhookBody(body, "backlog-bench"), body, payload: payload as Record<string, unknown> });
    }
    await Promise.all(deliveries.map((delivery) => inbox.accept(delivery)));
  }
  for (const shop of [...SHOPS, ACK_SHOP, DEMO_SHOP]) {
    await database.db.session.create({
      data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: "read_customers,write_customers" },
    });
  }
  return (performance.now() - started) / 1000;
}

const pendingCount = (database: TestDatabase) => database.db.webhookEvent.count({ where: { status: { in: ["pending", "processing"] } } });
const doneCount = (database: TestDatabase) => database.db.webhookEvent.count({ where: { status: "done" } });

interface Sampled {
  p50: number;
  p99: number;
  count: number;
}

/** Fetches `url` one request at a time until `until` resolves; latencies in ms. */
async function sampleSequentially(fetchOnce: () => Promise<void>, until: Promise<unknown>): Promise<Sampled> {
  let done = false;
  void until.then(() => (done = true));
  const samples: number[] = [];
  while (!done) {
    const started = performance.now();
    await fetchOnce();
    samples.push(performance.now() - started);
    await sleep(20);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), count: samples.length };
}

function adminPage(app: RunningApp, shop: string) {
  return async () => {
    const token = mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
    const response = await fetch(`${app.url}/app/events.data`, { headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_UA } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`admin page answered ${response.status}`);
  };
}

function healthz(app: RunningApp) {
  return async () => {
    const response = await fetch(`${app.url}/healthz`);
    await response.arrayBuffer();
  };
}

interface LoopStats {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

const loop = (port: number, what: "reset" | "stats") => fetch(`http://127.0.0.1:${port}/${what}`).then((r) => r.json() as Promise<LoopStats>);

// Admin pages ask Shopify for staff names: the Admin API stand-in answers for the fixture shop.
let adminApiUrl: string | undefined;

async function startMeasuredApp(database: TestDatabase, env: Record<string, string>) {
  const loopPort = await freePort();
  adminApiUrl ??= (await startAdminApiStandIn()).url;
  const { BENCH_NODE_OPTIONS: extra = "", ...rest } = env;
  const app = await startApp({
    database,
    adminApiUrl,
    env: { PRIVACY_DESK_QUIET: "1", NODE_OPTIONS: `--import ./tests/bench/loop-delay.mjs ${extra}`.trim(), BENCH_LOOP_PORT: String(loopPort), ...rest },
  });
  return { app, loopPort };
}

/** The open-loop windows' delivery rate: deliveries arrive at this rate whatever the app does. */
const ACK_RATE = 1_000;

function ackLoad(app: RunningApp, durationSeconds: number, overallRate?: number): Promise<LoadResult> {
  // Every delivery a distinct webhook id; the body names one customer of the ack shop.
  const delivery = signedWebhook({
    topic: "customers/redact",
    shop: ACK_SHOP,
    payload: JSON.stringify(compliancePayloads.customerRedact(ACK_SHOP, { id: 9_100_001, email: "ack@example.jp" })),
    secret: TEST_API_SECRET,
  });
  return runLoad({
    url: `${app.url}/webhooks/customers/redact`,
    connections: 50,
    durationSeconds,
    body: delivery.body,
    headers: delivery.headers,
    uniqueHeader: "X-Shopify-Webhook-Id",
    overallRate,
  });
}

interface WindowResult {
  label: string;
  acks: LoadResult;
  admin: Sampled;
  loop: LoopStats;
  drained: number;
  seconds: number;
  uptime: string;
}

/** One measured window: acknowledgements at 50 connections, the admin page, the loop delay, the drain. */
async function measureWindow(label: string, database: TestDatabase, app: RunningApp, loopPort: number, rate?: number): Promise<WindowResult> {
  const doneBefore = await doneCount(database);
  await loop(loopPort, "reset");
  const started = performance.now();
  const acks = ackLoad(app, seconds(), rate);
  const admin = await sampleSequentially(adminPage(app, DEMO_SHOP), acks);
  const stats = await loop(loopPort, "stats");
  const elapsed = (performance.now() - started) / 1000;
  const drained = (await doneCount(database)) - doneBefore;
  const result = { label, acks: await acks, admin, loop: stats, drained, seconds: elapsed, uptime: uptime() };
  console.log(
    `${label}: acks ${Math.round(result.acks.requestsPerSecond)}/s p50 ${result.acks.p50} p99 ${result.acks.p99} ms; admin p50 ${admin.p50.toFixed(0)} p99 ${admin.p99.toFixed(0)} ms; loop p99 ${stats.p99} ms; drained ${drained} (${Math.round(drained / elapsed)}/s); ${result.uptime}`,
  );
  return result;
}

interface DrainResult {
  events: number;
  seconds: number;
  admin: Sampled;
  loop: LoopStats;
  uptime: string;
  finished: boolean;
}

/** Lets the worker drain with no deliveries arriving, sampling the admin page, up to `capSeconds`. */
async function drainQuietly(database: TestDatabase, app: RunningApp, loopPort: number, capSeconds: number, page = adminPage(app, DEMO_SHOP)): Promise<DrainResult> {
  const before = await doneCount(database);
  await loop(loopPort, "reset");
  const started = performance.now();
  let finished = false;
  const waiting = (async () => {
    while ((performance.now() - started) / 1000 < capSeconds) {
      if ((await pendingCount(database)) === 0) {
        finished = true;
        return;
      }
      await sleep(250);
    }
  })();
  const admin = await sampleSequentially(page, waiting);
  const stats = await loop(loopPort, "stats");
  const elapsed = (performance.now() - started) / 1000;
  const events = (await doneCount(database)) - before;
  return { events, seconds: elapsed, admin, loop: stats, uptime: uptime(), finished };
}

interface BacklogResult {
  kind: DatabaseKind;
  fillSeconds: number;
  floor: WindowResult;
  draining: WindowResult;
  floorAtRate: WindowResult;
  drainingAtRate: WindowResult;
  quiet: DrainResult;
}

async function backlogOnDatabase(kind: DatabaseKind): Promise<BacklogResult> {
  const database = await createTestDatabase(kind, "bench_backlog");
  try {
    const fillSeconds = await fillBacklog(database, backlogSize());
    console.log(`${kind}: ${backlogSize()} pending events in ${fillSeconds.toFixed(1)} s; ${uptime()}`);
    // The floor: the same app, its inbox worker held back.
    const held = await startMeasuredApp(database, { WEBHOOK_WORKER_START_DELAY_MS: "3600000" });
    await ackLoad(held.app, 2); // warm-up
    const floor = await measureWindow(`${kind} worker stopped`, database, held.app, held.loopPort);
    const floorAtRate = await measureWindow(`${kind} worker stopped, ${ACK_RATE.toLocaleString("en")}/s`, database, held.app, held.loopPort, ACK_RATE);
    await held.app.stop();
    // BENCH_PROFILE_DIR: V8 CPU profiles of the draining app, one per thread, written when it stops.
    const profile: Record<string, string> = process.env.BENCH_PROFILE_DIR ? { BENCH_NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}/${kind}` } : {};
    const running = await startMeasuredApp(database, profile);
    const draining = await measureWindow(`${kind} draining`, database, running.app, running.loopPort);
    const drainingAtRate = await measureWindow(`${kind} draining, ${ACK_RATE.toLocaleString("en")}/s`, database, running.app, running.loopPort, ACK_RATE);
    const quiet = await drainQuietly(database, running.app, running.loopPort, Number(process.env.BENCH_DRAIN_CAP_SECONDS || 180));
    console.log(`${kind} quiet drain: ${quiet.events} in ${quiet.seconds.toFixed(1)} s (${Math.round(quiet.events / quiet.seconds)}/s), finished ${quiet.finished}; loop p99 ${quiet.loop.p99} ms; ${quiet.uptime}`);
    await running.app.stop();
    return { kind, fillSeconds, floor, draining, floorAtRate, drainingAtRate, quiet };
  } finally {
    await database.drop();
  }
}

interface FloodResult {
  kind: DatabaseKind;
  flood: LoadResult;
  floodLoop: LoopStats;
  drain: DrainResult;
  healthzBefore: Sampled;
  uptime: string;
}

/** The issue's case: a 10 s flood of signed redacts at 50 connections, then the drain, /healthz sampled. */
async function floodThenDrain(kind: DatabaseKind): Promise<FloodResult> {
  const database = await createTestDatabase(kind, "bench_flood");
  try {
    const { app, loopPort } = await startMeasuredApp(database, {});
    try {
      const healthzBefore = await sampleSequentially(healthz(app), sleep(2_000));
      await loop(loopPort, "reset");
      const flood = await ackLoad(app, 10);
      const floodLoop = await loop(loopPort, "stats");
      const drain = await drainQuietly(database, app, loopPort, Number(process.env.BENCH_DRAIN_CAP_SECONDS || 180), healthz(app));
      console.log(
        `${kind} flood: ${flood.total} acks (${Math.round(flood.requestsPerSecond)}/s, p99 ${flood.p99} ms), loop p99 ${floodLoop.p99} ms; then ${drain.events} drained in ${drain.seconds.toFixed(1)} s, /healthz p50 ${drain.admin.p50.toFixed(1)} ms (before ${healthzBefore.p50.toFixed(1)})`,
      );
      return { kind, flood, floodLoop, drain, healthzBefore, uptime: uptime() };
    } finally {
      await app.stop();
    }
  } finally {
    await database.drop();
  }
}

// ---- erasure cost against the size of the shop's tables ----

const COST_SHOP = "erasure-cost.myshopify.com";

/** `total` rows spread over every shop-scoped table with an id, belonging to no one in particular. */
async function fillShopTables(database: TestDatabase, total: number, alreadyPerModel = 0) {
  const models = Prisma.dmmf.datamodel.models.filter((model) => model.fields.some((field) => field.name === "shop") && model.fields.some((field) => field.name === "id"));
  models.sort((a, b) => Number(b.name === "PrivacyRequest") - Number(a.name === "PrivacyRequest"));
  const perModel = Math.ceil(total / models.length);
  const sqlite = database.kind === "sqlite";
  const client = sqlite ? null : new pg.Client({ connectionString: database.url });
  await client?.connect();
  try {
    for (const model of models) {
      const columns: string[] = [];
      const values: string[] = [];
      for (const field of model.fields) {
        if (field.kind !== "scalar") continue;
        columns.push(`"${field.name}"`);
        if (field.name === "shop") values.push(`'${COST_SHOP}'`);
        else if (field.name === "id") values.push(`'fill-${model.name}-' || g`);
        else if (field.name === "requestId") values.push(`'fill-PrivacyRequest-' || g`);
        else if (field.name === "status" && model.name === "WebhookEvent") values.push("'done'");
        else if (field.type === "String") values.push(`'fill-' || g`);
        else if (field.type === "Int" || field.type === "BigInt") values.push("g");
        else if (field.type === "Boolean") values.push(sqlite ? "0" : "false");
        else if (field.type === "DateTime") values.push(sqlite ? "1767225600000" : "now()");
        else values.push("NULL");
      }
      const sql = sqlite
        ? `INSERT INTO "${model.name}" (${columns.join(", ")}) WITH RECURSIVE s(g) AS (SELECT ${alreadyPerModel + 1} UNION ALL SELECT g + 1 FROM s WHERE g < ${alreadyPerModel + perModel}) SELECT ${values.join(", ")} FROM s`
        : `INSERT INTO "${model.name}" (${columns.join(", ")}) SELECT ${values.join(", ")} FROM generate_series(${alreadyPerModel + 1}, ${alreadyPerModel + perModel}) AS g`;
      if (client) await client.query(sql);
      else await database.db.$executeRawUnsafe(sql);
    }
    if (client) await client.query("ANALYZE");
    else await database.db.$executeRawUnsafe("ANALYZE");
  } finally {
    await client?.end();
  }
  return { rows: perModel * models.length, perModel };
}

interface CostRow {
  kind: DatabaseKind;
  rows: number;
  erasureMs: { p50: number; max: number };
  reclaimMs: { p50: number; max: number };
  uptime: string;
}

async function erasureCost(kind: DatabaseKind): Promise<CostRow[]> {
  const rows: CostRow[] = [];
  const database = await createTestDatabase(kind, "bench_erasure_cost");
  try {
    let filled = 0;
    let perModel = 0;
    for (const target of erasureSizes()) {
      // Each step adds rows after the ones already there (ids and unique keys continue the series).
      const added = await fillShopTables(database, target - filled, perModel);
      filled += added.rows;
      perModel += added.perModel;
      const erasures: number[] = [];
      const reclaims: number[] = [];
      for (let i = 0; i < 20; i++) {
        const person = { id: 9_500_000 + target / 1000 + i, email: `cost${target}-${i}@example.jp`, phone: `+81 90 ${String(1000 + i)} ${String(target).slice(0, 4)}`, name: "山田 花子" };
        await seedFootprint(database.db, COST_SHOP, person);
        const started = performance.now();
        await database.db.$transaction((tx) => eraseCustomer(tx, COST_SHOP, { customerId: person.id, email: person.email, phone: person.phone }));
        erasures.push(performance.now() - started);
        const reclaimStarted = performance.now();
        await reclaimErasedSpace(database.db, kind === "sqlite" ? "sqlite" : "postgresql");
        reclaims.push(performance.now() - reclaimStarted);
      }
      erasures.sort((a, b) => a - b);
      reclaims.sort((a, b) => a - b);
      const row = {
        kind,
        rows: filled,
        erasureMs: { p50: percentile(erasures, 50), max: erasures[erasures.length - 1] },
        reclaimMs: { p50: percentile(reclaims, 50), max: reclaims[reclaims.length - 1] },
        uptime: uptime(),
      };
      console.log(`${kind} ${filled} rows: erasure p50 ${row.erasureMs.p50.toFixed(1)} ms max ${row.erasureMs.max.toFixed(1)}; reclaim p50 ${row.reclaimMs.p50.toFixed(1)} ms; ${row.uptime}`);
      rows.push(row);
    }
  } finally {
    await database.drop();
  }
  return rows;
}

// ---- report ----

const f = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

export async function runBacklogBenchmark(): Promise<string> {
  const only = (process.env.BENCH_BACKLOG_PARTS || "backlog,flood,cost").split(",");
  const kinds = (process.env.BENCH_DATABASES || "sqlite,postgres").split(",") as DatabaseKind[];
  const backlog: BacklogResult[] = [];
  const floods: FloodResult[] = [];
  const costs: CostRow[] = [];
  for (const kind of kinds) {
    if (only.includes("backlog")) backlog.push(await backlogOnDatabase(kind));
    if (only.includes("flood")) floods.push(await floodThenDrain(kind));
    if (only.includes("cost")) costs.push(...(await erasureCost(kind)));
  }
  const lines = [
    "## Backlog: draining while acknowledging (issue 15)",
    "",
    `${backlogSize().toLocaleString("en")} pending events (60 % customers/redact, 20 % customers/data_request, 20 % customers_email_marketing_consent/update, over ${(SHOPS.length * CUSTOMERS_PER_SHOP).toLocaleString("en")} customers of ${SHOPS.length} shops), committed through the app's inbox before the app starts. ` +
      `Each window lasts ${seconds()} s: autocannon (separate process) POSTs signed customers/redact deliveries with distinct webhook ids at 50 connections, each connection sending its next as soon as the last is answered (closed loop: the app's throughput sets the rate, so the machine is saturated) or, in the windows marked ${ACK_RATE.toLocaleString("en")}/s, at that rate over all connections (open loop); this process fetches the failed-events page (\`GET /app/events.data\`: session token check, offline session, a query of the inbox; a fresh token each time) one at a time, 20 ms apart; the event-loop delay is perf_hooks.monitorEventLoopDelay in the main thread of the app process (tests/bench/loop-delay.mjs, preloaded), sampled every 1 ms with that 1 ms taken off each sample (Node records the whole time between two ticks of its timer), so an idle loop reads 0; a percentile counts ticks, and a loop held up once for 40 ms is one 40 ms tick among many. ` +
      `"worker stopped" is the floor: the same app with its inbox worker held back (WEBHOOK_WORKER_START_DELAY_MS). "quiet drain" is the rest of the backlog with no deliveries arriving. Load average: \`uptime\` at the end of each window.`,
    "",
    "| database | window | acks/s | ack p50 ms | ack p99 ms | admin p50 ms | admin p99 ms | loop p50 ms | loop p99 ms | loop max ms | events drained | drain /s | uptime |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const run of backlog) {
    for (const w of [run.floor, run.draining, run.floorAtRate, run.drainingAtRate]) {
      lines.push(
        `| ${run.kind} | ${w.label.replace(`${run.kind} `, "")} | ${f(w.acks.requestsPerSecond)} | ${w.acks.p50} | ${w.acks.p99} | ${f(w.admin.p50)} | ${f(w.admin.p99)} | ${w.loop.p50} | ${w.loop.p99} | ${w.loop.max} | ${w.drained} | ${f(w.drained / w.seconds)} | ${w.uptime} |`,
      );
    }
    const q = run.quiet;
    lines.push(
      `| ${run.kind} | quiet drain${q.finished ? "" : " (cap reached)"} | – | – | – | ${f(q.admin.p50)} | ${f(q.admin.p99)} | ${q.loop.p50} | ${q.loop.p99} | ${q.loop.max} | ${q.events} in ${f(q.seconds, 1)} s | ${f(q.events / q.seconds)} | ${q.uptime} |`,
    );
  }
  if (floods.length) {
    lines.push(
      "",
      "## Flood, then drain (the issue's case)",
      "",
      "A fresh database; 10 s of signed customers/redact deliveries (one customer, distinct webhook ids) at 50 connections, then the drain with nothing arriving; `GET /healthz` fetched one at a time, 20 ms apart, before the flood and during the drain.",
      "",
      "| database | acknowledged | acks/s | ack p50 ms | ack p99 ms | loop p99 during flood ms | drained | drain s | drain /s | /healthz p50 before ms | /healthz p50 / p99 during drain ms | loop p99 during drain ms | uptime |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const r of floods) {
      lines.push(
        `| ${r.kind} | ${r.flood.total - r.flood.non2xx} | ${f(r.flood.requestsPerSecond)} | ${r.flood.p50} | ${r.flood.p99} | ${r.floodLoop.p99} | ${r.drain.events}${r.drain.finished ? "" : " (cap reached)"} | ${f(r.drain.seconds, 1)} | ${f(r.drain.events / r.drain.seconds)} | ${f(r.healthzBefore.p50, 1)} | ${f(r.drain.admin.p50, 1)} / ${f(r.drain.admin.p99, 1)} | ${r.drain.loop.p99} | ${r.uptime} |`,
      );
    }
  }
  if (costs.length) {
    lines.push(
      "",
      "## One erasure against the size of the shop",
      "",
      "Every shop-scoped table of one shop filled with rows of no one in particular (the total below, spread evenly; PostgreSQL analysed), then 20 customers, each with the footprint of tests/unit/erasure/footprint.ts (requests, timeline, consent, forms, jobs, mails, inbox, Flow, provision records), erased one at a time by `eraseCustomer` in its own transaction, from this process; then the reclaim (`reclaimErasedSpace`: SQLite a passive then a truncating `wal_checkpoint`, which the worker runs after each batch of erasures; PostgreSQL `VACUUM` of the erasure tables, which the worker runs on a timer, at most every 30 s, not per batch).",
      "",
      "| database | rows in the shop's tables | erasure p50 ms | erasure max ms | reclaim p50 ms | reclaim max ms | uptime |",
      "|---|---|---|---|---|---|---|",
    );
    for (const c of costs) {
      lines.push(`| ${c.kind} | ${c.rows.toLocaleString("en")} | ${f(c.erasureMs.p50, 1)} | ${f(c.erasureMs.max, 1)} | ${f(c.reclaimMs.p50, 1)} | ${f(c.reclaimMs.max, 1)} | ${c.uptime} |`);
    }
  }
  return lines.join("\n");
}
