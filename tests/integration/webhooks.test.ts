import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { demoFixtureShop } from "../support/fixtures";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { mintSessionToken } from "../support/sessionToken";
import { compliancePayloads, signedWebhook } from "../support/webhooks";
import { deliver, postRaw, waitForInbox } from "./webhooks.helpers";

const SHOP = "webhook-shop.myshopify.com";
const OTHER = "webhook-other.myshopify.com";

describe(`webhook routes on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let shopify: AdminApiStandIn;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "webhooks");
    // Shopify's Admin API: the sessions the tests store hold tokens it has revoked, as after an uninstall.
    shopify = await startAdminApiStandIn({ shops: [{ ...demoFixtureShop(), domain: SHOP }] });
    app = await startApp({ database, adminApiUrl: shopify.url, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await shopify?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
  });

  const db = () => database.db;

  describe("bad input is refused and stores nothing", () => {
    const redact = () => compliancePayloads.customerRedact(SHOP, { id: 5551, email: "bad@example.com" });

    it("401 for a wrong signature, a missing one and one made with another secret", async () => {
      const wrong = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact() }, (h) => (h["X-Shopify-Hmac-Sha256"] = "d3Jvbmc="));
      const missing = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact() }, (h) => delete h["X-Shopify-Hmac-Sha256"]);
      const foreign = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact(), secret: "not-the-app-secret" });
      expect([wrong.status, missing.status, foreign.status]).toEqual([401, 401, 401]);
      expect(await db().webhookEvent.count()).toBe(0);
    });

    // Issue 11, points 8 and 13: a body stays on its topic, and Shopify's enums and id sizes hold.
    it("400 for a missing or another topic, a body of another compliance topic, a state outside Shopify's enum and an over-long id", async () => {
      const answers = [
        await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact() }, (h) => delete h["X-Shopify-Topic"]),
        await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact() }, (h) => (h["X-Shopify-Topic"] = "customers/data_request")),
        await deliver(app, { topic: "customers/redact", shop: SHOP, payload: compliancePayloads.dataRequest(SHOP, { id: 5551, email: "bad@example.com" }) }),
        await deliver(app, { topic: "customers_email_marketing_consent/update", shop: SHOP, payload: { customer_id: 5551, email_marketing_consent: { state: "hacked" } } }),
        await deliver(app, { topic: "customers/redact", shop: SHOP, payload: { ...redact(), customer: { id: "1".repeat(25) } } }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400]);
      expect(await db().webhookEvent.count()).toBe(0);
    });

    it("405 for GET, PUT and DELETE, with Allow: POST", async () => {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const response = await fetch(`${app.url}/webhooks/shop/redact`, { method });
        expect(response.status, method).toBe(405);
        expect(response.headers.get("allow")).toBe("POST");
        await response.arrayBuffer();
      }
      expect(await db().webhookEvent.count()).toBe(0);
    });

    it("400 for malformed JSON, missing fields, and a shop mismatch; the body says nothing", async () => {
      const malformed = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: "{\"shop_domain\":" });
      const missing = await deliver(app, { topic: "customers/data_request", shop: SHOP, payload: { shop_domain: SHOP, orders_requested: [] } });
      const mismatch = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: compliancePayloads.customerRedact(OTHER, { id: 1 }) });
      expect([malformed.status, missing.status, mismatch.status]).toEqual([400, 400, 400]);
      const { text } = await postRaw(app, "/webhooks/customers/redact", { method: "POST", ...signedWebhook({ topic: "customers/redact", shop: SHOP, payload: "[]", secret: TEST_API_SECRET }) });
      expect(text).toBe("");
      expect(await db().webhookEvent.count()).toBe(0);
    });

    it("413 for a body over 1 MB", async () => {
      const payload = { ...redact(), padding: "x".repeat(1024 * 1024) };
      const response = await deliver(app, { topic: "customers/redact", shop: SHOP, payload });
      expect(response.status).toBe(413);
      expect(await db().webhookEvent.count()).toBe(0);
    });

    // Without Content-Length the size is only known while reading: the read stops past 1 MB.
    const sendChunked = (chunks: Buffer[], { abandon = false } = {}) =>
      new Promise<number | "abandoned">((resolve, reject) => {
        const delivery = signedWebhook({ topic: "customers/redact", shop: SHOP, payload: redact(), secret: TEST_API_SECRET });
        const request = http.request(`${app.url}/webhooks/customers/redact`, {
          method: "POST",
          headers: { ...delivery.headers, "Transfer-Encoding": "chunked" },
        });
        request.on("response", (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on("error", (error) => (abandon ? resolve("abandoned") : reject(error)));
        for (const chunk of chunks) request.write(chunk);
        if (abandon) setTimeout(() => request.destroy(), 100);
        else request.end();
      });

    it("413 for a chunked body that passes 1 MB, without reading the rest", async () => {
      const status = await sendChunked(Array.from({ length: 12 }, () => Buffer.alloc(128 * 1024, 0x20)));
      expect(status).toBe(413);
      expect(await db().webhookEvent.count()).toBe(0);
    });

    it("a sender that goes away mid-body stores nothing and the next delivery is taken as usual", async () => {
      expect(await sendChunked([Buffer.from('{"shop_domain":')], { abandon: true })).toBe("abandoned");
      const next = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact() });
      expect(next.status).toBe(200);
      await waitForInbox(db(), 1);
      expect(await db().webhookEvent.count()).toBe(1);
    });
  });

  it("a delivery signed for one shop naming another is refused and changes neither shop", async () => {
    await db().session.create({ data: { id: `offline_${OTHER}`, shop: OTHER, state: "", accessToken: "shpat_other" } });
    const response = await deliver(app, { topic: "shop/redact", shop: SHOP, payload: compliancePayloads.shopRedact(OTHER) });
    expect(response.status).toBe(400);
    expect(await db().webhookEvent.count()).toBe(0);
    expect(await db().session.count({ where: { shop: OTHER } })).toBe(1);
  });

  it("accepts a delivery without X-Shopify-API-Version, Shop-Domain and Webhook-Id, taking the shop from the payload", async () => {
    const payload = compliancePayloads.customerRedact(SHOP, { id: 7001, email: "headless@example.com" });
    const strip = (h: Record<string, string>) => {
      delete h["X-Shopify-API-Version"];
      delete h["X-Shopify-Shop-Domain"];
      delete h["X-Shopify-Webhook-Id"];
    };
    const first = await deliver(app, { topic: "customers/redact", shop: SHOP, payload }, strip);
    expect(first.status).toBe(200);
    // Without an id, the byte-identical retry is recognised by its digest.
    const again = await postRaw(app, "/webhooks/customers/redact", { method: "POST", headers: first.signed.headers, body: first.signed.body });
    expect(again.status).toBe(200);
    await waitForInbox(db(), 1);
    const rows = await db().webhookEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ shop: SHOP, apiVersion: null, status: "done", payload: "" });
  });

  it("a replay of the same delivery is acknowledged and takes effect once", async () => {
    const before = await db().erasureReceipt.count();
    const payload = compliancePayloads.customerRedact(SHOP, { id: 7002, email: "replay@example.com" });
    const first = await deliver(app, { topic: "customers/redact", shop: SHOP, payload, webhookId: "replay-1" });
    await waitForInbox(db(), 1);
    const replays = await Promise.all([1, 2, 3].map(() => deliver(app, { topic: "customers/redact", shop: SHOP, payload, webhookId: "replay-1" })));
    expect([first.status, ...replays.map((r) => r.status)]).toEqual([200, 200, 200, 200]);
    await waitForInbox(db());
    expect(await db().webhookEvent.count()).toBe(1);
    expect((await db().erasureReceipt.count()) - before).toBe(1);
  });

  it("app/uninstalled deletes the shop's sessions and marks it uninstalled; other shops keep theirs", async () => {
    await db().session.createMany({
      data: [
        { id: `offline_${SHOP}`, shop: SHOP, state: "", accessToken: "shpat_a" },
        { id: `online_${SHOP}_1`, shop: SHOP, state: "", accessToken: "shpua_a", isOnline: true },
        { id: `offline_x_${OTHER}`, shop: OTHER, state: "", accessToken: "shpat_b" },
      ],
    });
    const payload = { id: 1, name: "Webhook Shop", myshopify_domain: SHOP, domain: SHOP };
    expect((await deliver(app, { topic: "app/uninstalled", shop: SHOP, payload })).status).toBe(200);
    await waitForInbox(db(), 1);
    expect(await db().session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().session.count({ where: { shop: OTHER } })).toBeGreaterThan(0);
    expect(await db().shop.findUnique({ where: { domain: SHOP } })).toMatchObject({ status: "uninstalled" });
  });

  it("app/scopes_update records the granted scopes", async () => {
    await db().session.create({ data: { id: `offline_scopes_${SHOP}`, shop: SHOP, state: "", accessToken: "shpat", scope: "read_customers" } });
    const payload = { id: 1, previous: ["read_customers"], current: ["read_customers", "write_customers", "read_orders"], updated_at: new Date().toISOString() };
    expect((await deliver(app, { topic: "app/scopes_update", shop: SHOP, payload })).status).toBe(200);
    await waitForInbox(db(), 1);
    expect((await db().shop.findUnique({ where: { domain: SHOP } }))?.scopes).toBe("read_customers,write_customers,read_orders");
    expect((await db().session.findUnique({ where: { id: `offline_scopes_${SHOP}` } }))?.scope).toBe("read_customers,write_customers,read_orders");
  });

  it("shop/redact needs no session and no token (48 h after uninstall there is none)", async () => {
    await db().session.deleteMany({ where: { shop: SHOP } });
    const response = await deliver(app, { topic: "shop/redact", shop: SHOP, payload: compliancePayloads.shopRedact(SHOP) });
    expect(response.status).toBe(200);
    await waitForInbox(db());
    expect(await db().shop.count({ where: { domain: SHOP } })).toBe(0);
    expect(await db().webhookEvent.count({ where: { shop: SHOP } })).toBe(0);
  });

  it("failed events show on the dashboard and the events page, and a retry re-queues only the shop's own event", async () => {
    const ADMIN = "events-admin.myshopify.com";
    await db().session.create({ data: { id: `offline_${ADMIN}`, shop: ADMIN, state: "", accessToken: "shpat_test", scope: "read_customers" } });
    const failed = await db().webhookEvent.create({
      data: { deliveryKey: "failed-1", shop: ADMIN, topic: "customers/data_request", payload: "{}", status: "failed", attempts: 8, lastError: "RequestInputError" },
    });
    const foreign = await db().webhookEvent.create({
      data: { deliveryKey: "failed-2", shop: OTHER, topic: "customers/redact", payload: "{}", status: "failed", attempts: 8, lastError: "TypeError" },
    });
    const headers = () => ({ Authorization: `Bearer ${mintSessionToken({ shop: ADMIN, apiKey: TEST_API_KEY, secret: TEST_API_SECRET })}`, "User-Agent": BROWSER_UA });

    const page = await fetch(`${app.url}/app/events.data`, { headers: headers() });
    expect(page.status).toBe(200);
    const pageData = await page.text();
    expect(pageData).toContain(failed.id);
    expect(pageData).toContain("RequestInputError");
    expect(pageData).not.toContain(foreign.id);

    const dashboard = await (await fetch(`${app.url}/app.data`, { headers: headers() })).text();
    expect(dashboard).toContain("failedEvents");

    const retry = (id: string) =>
      fetch(`${app.url}/app/events.data`, { method: "POST", headers: { ...headers(), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ intent: "retry", id }) });
    await (await retry(foreign.id)).arrayBuffer();
    expect((await db().webhookEvent.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("failed");
    await (await retry(failed.id)).arrayBuffer();
    const retried = await db().webhookEvent.findUniqueOrThrow({ where: { id: failed.id } });
    // Back in the queue with fresh attempts (the worker may already have tried it once more).
    expect(retried.status).not.toBe("failed");
    expect(retried.attempts).toBeLessThanOrEqual(1);
  });
});
