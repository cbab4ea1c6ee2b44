// Issue 11, point 13: every malformed input is a clean 4xx that changes nothing, or is cleaned
// before it is stored; never a 500 and never a webhook event that fails on every retry. Through the
// built server, on SQLite and on PostgreSQL (which refuses NUL in text outright).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedProxyQuery, signProxyParams } from "../support/appProxy";
import { mintSessionToken } from "../support/sessionToken";
import { compliancePayloads } from "../support/webhooks";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { deliver, waitForInbox } from "./webhooks.helpers";

const SHOP = "malformed.myshopify.com";
let ipCounter = 1;

describe(`malformed input on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let requestId: string;
  const staff = () => ({ "User-Agent": BROWSER_UA, Authorization: `Bearer ${mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001" })}` });
  const proxyPost = (path: string, query: URLSearchParams, body: string, contentType = "application/x-www-form-urlencoded") =>
    fetch(`${app.url}/proxy/${path}?${query}`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_UA, Accept: "application/json", "Content-Type": contentType, "X-Forwarded-For": `198.18.0.${ipCounter++}` },
      body,
    });

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "malformed");
    await database.db.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") } });
    await database.db.policyVersion.create({ data: { shop: SHOP, version: 1, contentHash: "h1", content: "{}" } });
    requestId = (await createPrivacyRequest(database.db, { shop: SHOP, type: "disclosure", source: "staff_phone", email: "m@example.jp" }, "staff:1")).id;
    app = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("answers a path with a broken percent-escape with a 4xx, for the desk and the storefront", async () => {
    for (const path of [`/app/requests/%E0%A4%A`, `/app/requests/%ZZ.data`, `/app/consent/%`]) {
      const response = await fetch(`${app.url}${path}`, { headers: staff() });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
    const proxied = await fetch(`${app.url}/proxy/requests/%E0%A4%A?${signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET })}`, { headers: { "User-Agent": BROWSER_UA } });
    expect(proxied.status).toBeGreaterThanOrEqual(400);
    expect(proxied.status).toBeLessThan(500);
  });

  it("answers ?format= values that name Object's own properties with 400", async () => {
    for (const format of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      for (const path of [`/app/requests/${requestId}/package`, `/app/customer-data/1001`, `/app/records/provision-disclosure/${requestId}`]) {
        const response = await fetch(`${app.url}${path}?format=${format}`, { headers: staff() });
        expect(response.status, `${path} ${format}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${path} ${format}`).toBeLessThan(500);
      }
    }
  });

  it("cleans NUL and lone surrogates out of a storefront form before storing it", async () => {
    const body = "locale=ja&type=inquiry&name=%E5%B1%B1%00%E7%94%B0&email=nul%40example.jp&phone=&order=&delivery=electronic&message=a%00b%ED%A0%80c&consent=1&website=";
    const answer = await proxyPost("requests", signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }), body);
    expect(answer.status).toBe(201);
    const { reference } = (await answer.json()) as { reference: string };
    const stored = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference } });
    expect(stored.customerName).toBe("山田");
    // The form decoder turns each byte of the broken sequence into U+FFFD; the NUL is gone.
    expect(stored.message).toMatch(/^ab\uFFFD+c$/);
    // The same through JSON escapes: a lone surrogate and a NUL.
    const json = JSON.stringify({ locale: "en", type: "inquiry", name: "a\u0000\ud800", email: "nul.json@example.jp", delivery: "electronic", message: "x\udc00\u0000y", consent: "1", website: "" });
    const viaJson = await proxyPost("requests", signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }), json, "application/json");
    expect(viaJson.status).toBe(201);
    const again = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, email: "nul.json@example.jp" } });
    expect([again.customerName, again.message]).toEqual(["a\uFFFD", "x\uFFFDy"]);
  });

  it("processes a webhook whose strings hold NUL and lone surrogates, instead of failing it on every retry", async () => {
    const payload = compliancePayloads.dataRequest(SHOP, { id: 4242, email: "web\u0000hook@example.jp" });
    const raw = JSON.stringify(payload).replace("web\\u0000hook", "web\\u0000hook\\ud800");
    expect(raw).toContain("\\ud800");
    const delivered = await deliver(app, { topic: "customers/data_request", shop: SHOP, payload: raw });
    expect(delivered.status).toBe(200);
    await waitForInbox(database.db);
    const event = await database.db.webhookEvent.findFirstOrThrow({ where: { shop: SHOP, topic: "customers/data_request" } });
    expect(event).toMatchObject({ status: "done", lastError: null });
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, shopifyCustomerId: "4242" } });
    expect(request.email).toBe("webhook\uFFFD@example.jp");
  });

  it("refuses a banner choice naming a policy version that was never published (422), storing nothing", async () => {
    const before = await database.db.consentRecord.count({ where: { shop: SHOP } });
    const choice = { analytics: true, marketing: false, preferences: true, sale_of_data: false, visitor_id: crypto.randomUUID() };
    const invented = await proxyPost("consent", signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }), JSON.stringify({ ...choice, policy_version: "7" }), "application/json");
    expect(invented.status).toBe(422);
    expect(await invented.json()).toEqual({ ok: false, error: "unknown_policy_version" });
    expect(await database.db.consentRecord.count({ where: { shop: SHOP } })).toBe(before);
    const published = await proxyPost("consent", signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }), JSON.stringify({ ...choice, policy_version: "1" }), "application/json");
    expect(published.status).toBe(201);
  });

  it("refuses a signed App Proxy query in which a signed parameter appears twice", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    // What Shopify forwards when a shopper adds ?logged_in_customer_id=1001 to a storefront URL: both
    // values, signed together (the library joins them with ","), the shopper's first.
    for (const [name, values] of [
      ["logged_in_customer_id", ["1001", ""]],
      ["shop", ["other-shop.myshopify.com", SHOP]],
      ["timestamp", [timestamp, timestamp]],
    ] as const) {
      const params: Record<string, string | string[]> = { shop: SHOP, logged_in_customer_id: "", path_prefix: "/apps/privacy", timestamp, [name]: [...values] };
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) for (const one of Array.isArray(value) ? value : [value]) query.append(key, one);
      query.set("signature", signProxyParams(params, TEST_API_SECRET));
      const before = await database.db.privacyRequest.count({ where: { shop: SHOP } });
      const body = "locale=ja&type=inquiry&name=x&email=twice%40example.jp&delivery=electronic&message=m&consent=1&website=";
      const answer = await proxyPost("requests", query, body);
      expect(answer.status, name).toBe(400);
      expect(await database.db.privacyRequest.count({ where: { shop: SHOP } })).toBe(before);
    }
  });
});
