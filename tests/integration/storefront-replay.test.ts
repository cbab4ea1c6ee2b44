// A logged-in shopper's proxied query, read from a log, replayed with another body
// (docs/security.md, "Webhook path under attack"). Shopify signs the App Proxy's query, never the
// body, and the library accepts the signature for 90 s: within that time the query carried any
// post under the shopper's login, a request "verified by Shopify login" or their package's download.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";

const SHOP = "proxy-replay.myshopify.com";
const VICTIM = "7007007";

describe(`replayed App Proxy queries on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  const apps: RunningApp[] = [];
  let ip = 1;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "proxy_replay");
    await database.db.policyVersion.create({ data: { shop: SHOP, version: 1, contentHash: "hash-1", content: "{}", publishedAt: new Date(Date.now() - 86_400_000) } });
    apps.push(await startApp({ database }));
    // On PostgreSQL a second instance on the same database: what one has seen, the other knows.
    if (database.kind === "postgres") apps.push(await startApp({ database }));
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await database?.drop();
  });

  const form = (email: string) =>
    new URLSearchParams({ locale: "ja", policy_version: "1", type: "stop_use", name: "攻撃 者", email, phone: "", order: "", delivery: "electronic", message: "削除してください", consent: "1", website: "" }).toString();

  const post = async (app: RunningApp, query: URLSearchParams, email: string) => {
    const response = await fetch(`${app.url}/proxy/requests?${query}`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_UA, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `198.51.100.${ip++}` },
      body: form(email),
    });
    return { status: response.status, body: await response.text() };
  };

  it("takes one post per logged-in query, refuses a page view's query for a post, and on every instance", async () => {
    const [first] = apps;
    const last = apps[apps.length - 1];
    // The shopper looks at their status page: the URL, query and signature land in an access log.
    const viewed = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET, loggedInCustomerId: VICTIM }, { reference: "PD-2026-00001" });
    const page = await fetch(`${first.url}/proxy/requests/status?${viewed}`, { headers: { "User-Agent": BROWSER_UA, "X-Forwarded-For": "198.51.100.250" } });
    await page.arrayBuffer();
    expect(page.status).toBeLessThan(500);
    // A reader of that log files a request to stop using their data, under their login, with it.
    const replayed = await post(last, viewed, "attacker@example.net");
    expect(replayed.status).toBe(409);
    expect(JSON.parse(replayed.body)).toMatchObject({ ok: false, message: expect.stringContaining("読み込み直して") });
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP } })).toBe(0);

    // The shopper's own post comes with a query of its own, and is taken once.
    const own = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET, loggedInCustomerId: VICTIM, timestamp: Math.floor(Date.now() / 1000) - 1 });
    const filed = await post(first, own, "victim@example.jp");
    expect(filed.status, filed.body).toBe(201);
    expect((await post(last, own, "attacker@example.net")).status).toBe(409);
    const requests = await database.db.privacyRequest.findMany({ where: { shop: SHOP }, select: { email: true, shopifyCustomerId: true } });
    expect(requests).toEqual([{ email: "victim@example.jp", shopifyCustomerId: VICTIM }]);

    // A query without a login vouches for no one: anyone can get one by visiting the store.
    const anonymous = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET, timestamp: Math.floor(Date.now() / 1000) - 2 });
    expect((await post(first, anonymous, "someone@example.jp")).status).toBe(201);
    expect((await post(last, anonymous, "someone.else@example.jp")).status).toBe(201);
  });

  // On SQLite the memory of used queries was the process's: a restart (a deploy, a crash) within the
  // query's 90 s forgot it, and the captured query took one more post. Killed, not stopped: what
  // was answered must already be durable.
  it("still refuses a used logged-in query after the app restarts on the same database", async () => {
    const own = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET, loggedInCustomerId: VICTIM, timestamp: Math.floor(Date.now() / 1000) - 3 });
    const filed = await post(apps[0], own, "restart.victim@example.jp");
    expect(filed.status, filed.body).toBe(201);

    // A memory past its expiry, left by an earlier run: the background work purges it at start.
    await database.db.rateLimitCounter.create({ data: { key: "signedQuery:expired", points: 1, expire: BigInt(Date.now() - 1_000) } });
    for (const app of apps.splice(0)) await app.stop("SIGKILL");
    apps.push(await startApp({ database }));

    const replayed = await post(apps[0], own, "restart.attacker@example.net");
    expect(replayed.status, replayed.body).toBe(409);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, email: "restart.attacker@example.net" } })).toBe(0);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, email: "restart.victim@example.jp" } })).toBe(1);

    // What is remembered is a keyed hash of the signature, never the signature itself.
    const signature = own.get("signature")!;
    const rows = await database.db.rateLimitCounter.findMany({ where: { key: { startsWith: "signedQuery:", not: "signedQuery:expired" } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.expire !== null && Number(row.expire) > Date.now())).toBe(true);
    expect(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(signature);
    if (database.kind === "sqlite") await expect.poll(() => database.db.rateLimitCounter.count({ where: { key: "signedQuery:expired" } })).toBe(0);
  });
});
