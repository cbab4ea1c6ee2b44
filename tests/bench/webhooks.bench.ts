// Webhook acknowledgement benchmark (issue 3): signed customers/redact deliveries against the
// production build, and against a reference floor (a plain node:http server that verifies the HMAC
// and commits one row per request to the same database), at 10 and 50 connections, 1 KB and 16 KB.
import { spawn } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../support/database";
import { freePort, startApp, TEST_API_SECRET } from "../support/app";
import { compliancePayloads, signedWebhook } from "../support/webhooks";
import { benchDir, runLoad, seconds, type LoadResult } from "./harness";

const SHOP = "bench-shop.myshopify.com";
const CONNECTIONS = [10, 50];
const BODY_SIZES = [1024, 16 * 1024];

/** A customers/redact payload padded to about `size` bytes with order ids, as a big shop's would be. */
function redactBody(size: number): string {
  const payload = compliancePayloads.customerRedact(SHOP, { id: 7_000_001, email: "bench@example.com", phone: "+81312345678" });
  let orderId = 450_000_000_000;
  while (JSON.stringify(payload).length < size - 16) payload.orders_to_redact.push(orderId++);
  return JSON.stringify(payload);
}

interface Row {
  server: "app" | "floor";
  database: DatabaseKind;
  connections: number;
  bytes: number;
  result: LoadResult;
}

async function measure(url: string, server: Row["server"], database: DatabaseKind): Promise<Row[]> {
  const rows: Row[] = [];
  for (const bytes of BODY_SIZES) {
    const delivery = signedWebhook({ topic: "customers/redact", shop: SHOP, payload: redactBody(bytes), secret: TEST_API_SECRET });
    const load = (connections: number, durationSeconds: number) =>
      runLoad({
        url: `${url}/webhooks/customers/redact`,
        connections,
        durationSeconds,
        body: delivery.body,
        headers: delivery.headers,
        uniqueHeader: "X-Shopify-Webhook-Id",
      });
    await load(10, 2); // warm-up: JIT, connection pools, SQLite page cache
    for (const connections of CONNECTIONS) {
      const result = await load(connections, seconds());
      console.log(`${server} ${database} c=${connections} ${bytes}B: ${Math.round(result.requestsPerSecond)}/s p50 ${result.p50} ms p99 ${result.p99} ms errors ${result.errors + result.non2xx + result.timeouts}`);
      rows.push({ server, database, connections, bytes, result });
    }
  }
  return rows;
}

async function startFloor(database: TestDatabase) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(benchDir, "floor-server.mjs")], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, SHOPIFY_API_SECRET: TEST_API_SECRET },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGTERM"))),
  };
}

async function countAcknowledged(database: TestDatabase): Promise<number> {
  return database.db.webhookEvent.count({ where: { shop: SHOP } });
}

export async function runWebhookBenchmark(): Promise<string> {
  const rows: Row[] = [];
  const durability: string[] = [];
  for (const kind of ["sqlite", "postgres"] as DatabaseKind[]) {
    const appDb = await createTestDatabase(kind, "bench_app");
    const app = await startApp({ database: appDb, env: { PRIVACY_DESK_QUIET: "1" } });
    const appRows = await measure(app.url, "app", kind);
    rows.push(...appRows);
    await app.stop();
    const acknowledged = appRows.reduce((sum, row) => sum + row.result.total - row.result.non2xx, 0);
    durability.push(`- ${kind}: ${acknowledged} measured acknowledgements (plus warm-ups), ${await countAcknowledged(appDb)} inbox rows stored`);
    await appDb.drop();

    const floorDb = await createTestDatabase(kind, "bench_floor");
    const floor = await startFloor(floorDb);
    rows.push(...(await measure(floor.url, "floor", kind)));
    await floor.stop();
    await floorDb.drop();
  }

  const lines = [
    "## Webhook acknowledgements (issue 3)",
    "",
    `Signed \`customers/redact\` deliveries, each with a distinct X-Shopify-Webhook-Id, POSTed by autocannon in a separate process over loopback for ${seconds()} s per cell after a 2 s warm-up. "app" is the production build (\`server.mjs\` over \`build/\`); "floor" is tests/bench/floor-server.mjs: node:http, HMAC check, one committed row per request, nothing else. Ratio = app ÷ floor throughput.`,
    "",
    "| database | connections | body | app acks/s | app p50 ms | app p99 ms | floor acks/s | floor p99 ms | ratio | errors (app) |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows.filter((r) => r.server === "app")) {
    const floor = rows.find((r) => r.server === "floor" && r.database === row.database && r.connections === row.connections && r.bytes === row.bytes)!;
    const errors = row.result.errors + row.result.non2xx + row.result.timeouts;
    lines.push(
      `| ${row.database} | ${row.connections} | ${row.bytes / 1024} KB | ${Math.round(row.result.requestsPerSecond)} | ${row.result.p50} | ${row.result.p99} | ${Math.round(floor.result.requestsPerSecond)} | ${floor.result.p99} | ${(row.result.requestsPerSecond / floor.result.requestsPerSecond).toFixed(2)} | ${errors} |`,
    );
  }
  lines.push("", "Every acknowledged delivery was stored:", "", ...durability);
  return lines.join("\n");
}
