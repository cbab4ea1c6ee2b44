// Unverified webhook bodies are bounded per process (server.mjs, webhookBodyLimits): bytes being
// read at once, and time per body. Small budget and timeout here so the mechanism itself trips.
import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { compliancePayloads, signedWebhook } from "../support/webhooks";
import { deliver, waitForInbox } from "./webhooks.helpers";

const SHOP = "inflight-shop.myshopify.com";
const BUDGET = 64 * 1024;
const HELD = 20 * 1024;

/** A delivery whose body is exactly `bytes` long, so it needs that much of the budget. */
function sized(bytes: number) {
  const base = compliancePayloads.customerRedact(SHOP, { id: 7101, email: "inflight@example.com" });
  const empty = JSON.stringify({ ...base, padding: "" }).length;
  return { ...base, padding: "x".repeat(bytes - empty) };
}

/** A raw connection that sends a delivery's headers (declaring `declared` bytes, or chunked) and `firstBytes` of body. */
function openSlow(app: RunningApp, { declared, firstBytes }: { declared?: number; firstBytes: string }) {
  const { port } = new URL(app.url);
  const socket = net.connect(Number(port), "127.0.0.1");
  const signed = signedWebhook({ topic: "customers/redact", shop: SHOP, payload: sized(declared ?? HELD), secret: TEST_API_SECRET });
  const lines = [`POST /webhooks/customers/redact HTTP/1.1`, `Host: 127.0.0.1:${port}`];
  for (const [key, value] of Object.entries(signed.headers)) lines.push(`${key}: ${value}`);
  lines.push(declared === undefined ? "Transfer-Encoding: chunked" : `Content-Length: ${declared}`);
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  socket.write(declared === undefined ? `${firstBytes.length.toString(16)}\r\n${firstBytes}\r\n` : firstBytes);
  let received = "";
  socket.on("data", (data) => (received += data.toString("latin1")));
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return {
    socket,
    /** The status line's code, or "closed" when the server closed without answering. */
    answer: closed.then(() => (received.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ? Number(received.slice(9, 12)) : "closed")),
    received: () => received,
  };
}

describe(`in-flight webhook bodies on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "inflight");
    app = await startApp({
      database,
      env: { WEBHOOK_WORKER_POLL_MS: "200", WEBHOOK_INFLIGHT_BODY_BYTES: String(BUDGET), WEBHOOK_BODY_TIMEOUT_MS: "1500" },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
  });

  /** The whole budget in one signed delivery: accepted only when nothing else holds any of it. */
  const wholeBudget = async () => (await deliver(app, { topic: "customers/redact", shop: SHOP, payload: sized(BUDGET) })).status;

  const wholeBudgetOnceAbortsArrive = async () => {
    for (let attempt = 0; ; attempt++) {
      const status = await wholeBudget();
      if (status !== 503 || attempt === 50) return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it("slow bodies past the budget get 503 with Retry-After, nothing stored; the budget comes back after they abort", async () => {
    // Six declared bodies of 20 KB at once: three fit the 64 KB budget, whichever come first.
    const opened = [0, 1, 2, 3, 4, 5].map(() => openSlow(app, { declared: HELD, firstBytes: "{" }));
    const answered: typeof opened = [];
    await new Promise<void>((resolve) => opened.forEach((o) => void o.answer.then(() => answered.push(o) === 3 && resolve())));
    const refused = answered.slice();
    const held = opened.filter((o) => !refused.includes(o));
    expect(await Promise.all(refused.map((r) => r.answer))).toEqual([503, 503, 503]);
    // Chunked bodies declare nothing: counted as they arrive, 5 KB already past what is left.
    const chunked = openSlow(app, { firstBytes: "x".repeat(5 * 1024) });
    expect(await chunked.answer).toBe(503);
    for (const r of [...refused, chunked]) expect(r.received()).toMatch(/\r\nRetry-After: \d+\r\n/i);
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.answer));
    // Released after aborted and refused deliveries: the whole budget is free again, twice (accepted ones give it back too).
    // The server learns of the aborts a moment after this side closed them: asked again until then (a refusal stores nothing).
    expect(await wholeBudgetOnceAbortsArrive()).toBe(200);
    expect(await wholeBudget()).toBe(200);
    await waitForInbox(database.db, 2);
    expect(await database.db.webhookEvent.count()).toBe(2);
  });

  it("a body that trickles is cut off with 408 and gives its share back", async () => {
    const trickle = openSlow(app, { declared: BUDGET - 100, firstBytes: "{" });
    const drip = setInterval(() => trickle.socket.write(" "), 200);
    try {
      expect(await trickle.answer).toBe(408);
    } finally {
      clearInterval(drip);
    }
    expect(await wholeBudget()).toBe(200);
    await waitForInbox(database.db, 1);
    expect(await database.db.webhookEvent.count()).toBe(1);
  });
});
