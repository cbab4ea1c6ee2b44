import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import net from "node:net";
import { createTestDatabase, root, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { adminHost } from "../support/sessionToken";

describe(`production server on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "server");
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("answers the health check through the database", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("sends an embedded request without a session token to Shopify's session-token bounce", async () => {
    const response = await fetch(`${app.url}/app?shop=demo.myshopify.com&embedded=1&host=${adminHost("demo.myshopify.com")}`, {
      headers: { "User-Agent": BROWSER_UA },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/auth/session-token");
  });

  it("serves fingerprinted assets with an immutable cache", async () => {
    const html = await (await fetch(`${app.url}/`, { headers: { "User-Agent": BROWSER_UA } })).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await fetch(`${app.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });
});

/**
 * A raw connection to the app: `send` is written, then (after `afterMs`) `trickle` one byte every
 * 100 ms, never finished. Resolves when the server closes it, with how long that took and what it answered.
 */
function holdConnection(app: RunningApp, { send = "", afterMs = 0, trickle }: { send?: string; afterMs?: number; trickle: string }) {
  const socket = net.connect(app.port, "127.0.0.1");
  const started = Date.now();
  let received = "";
  let ticker: NodeJS.Timeout | undefined;
  socket.on("data", (data) => (received += data.toString("latin1")));
  socket.on("error", () => undefined);
  socket.once("connect", () => {
    socket.write(send);
    if (!trickle) return;
    setTimeout(() => {
      let i = 0;
      ticker = setInterval(() => socket.writable && socket.write(trickle[i++ % trickle.length]), 100);
    }, afterMs);
  });
  // Past this the server has let it be; the test fails on the time rather than hanging.
  const giveUp = setTimeout(() => socket.destroy(), 20_000);
  return new Promise<{ ms: number; statuses: number[] }>((resolve) =>
    socket.once("close", () => {
      clearInterval(ticker);
      clearTimeout(giveUp);
      resolve({ ms: Date.now() - started, statuses: [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])) });
    }),
  );
}

describe(`slow clients on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let quick: RunningApp;
  const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "slowclients");
    app = await startApp({ database });
    quick = await startApp({ database, env: { HTTP_HEADERS_TIMEOUT_MS: "1000", HTTP_REQUEST_TIMEOUT_MS: "2000" } });
  });
  afterAll(async () => {
    await app?.stop();
    await quick?.stop();
    await database?.drop();
  });

  it("cuts off a client that trickles its headers, or sends none, after 10 s, on a new or a kept-alive connection", async () => {
    // Node's default let each hold its socket for 60 s (checked every 30 s).
    const headers = "X-Padding: " + "a".repeat(500);
    const [fresh, webhook, silent, keptAlive] = await Promise.all([
      holdConnection(app, { send: "GET /apps/privacy/status HTTP/1.1\r\nHost: 127.0.0.1\r\n", trickle: headers }),
      holdConnection(app, { send: "POST /webhooks/customers/redact HTTP/1.1\r\n", trickle: headers }),
      holdConnection(app, { trickle: "" }),
      // One request answered; its connection kept alive; the next one's headers trickle.
      holdConnection(app, { send: request("/healthz"), afterMs: 500, trickle: `GET /healthz HTTP/1.1\r\n${headers}` }),
    ]);
    for (const cut of [fresh, webhook, silent]) {
      expect(cut.statuses).toEqual([408]);
      expect(cut.ms).toBeGreaterThanOrEqual(9_500);
      expect(cut.ms).toBeLessThan(13_000);
    }
    expect(keptAlive.statuses).toEqual([200, 408]);
    expect(keptAlive.ms).toBeLessThan(14_000);
    // An honest request meanwhile and after: answered.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 30_000);

  it("cuts off a body that trickles past the request timeout, outside the webhooks too", async () => {
    const body = "email=" + "a".repeat(1_000);
    // A query Shopify's proxy signed, so the app goes on to read the body.
    const query = signedProxyQuery({ shop: "slow-body.myshopify.com", secret: TEST_API_SECRET });
    const post = `POST /proxy/requests?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const cut = await holdConnection(quick, { send: post, trickle: body });
    expect(cut.statuses).toEqual([408]);
    expect(cut.ms).toBeLessThan(5_000);
  }, 30_000);
});

describe("start-up refusals", () => {
  const run = (env: Record<string, string>) => {
    try {
      execFileSync(process.execPath, ["server.mjs"], { cwd: root, env: { PATH: process.env.PATH!, NODE_ENV: "production", ...env }, stdio: "pipe" });
      return { code: 0, stderr: "" };
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      return { code: failure.status, stderr: failure.stderr.toString() };
    }
  };
  const complete = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "http://127.0.0.1:1" };

  it.each(["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"])("exits naming %s when it is missing", (name) => {
    const env: Record<string, string> = { ...complete };
    delete env[name];
    const result = run(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${name} is not set`);
  });

  it("exits on a DATABASE_URL of an unknown kind", () => {
    const result = run({ ...complete, DATABASE_URL: "mysql://root@localhost/desk" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unsupported scheme "mysql"');
  });
});
