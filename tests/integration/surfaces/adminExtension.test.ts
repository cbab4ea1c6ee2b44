// The backend of the customer page's block and action in Shopify admin, over HTTP against the built
// app: CORS as Shopify's extension sandbox needs it, the staff member's session token, and only the
// calling shop's customers (another shop's staff, another shop's customer ids: 404). Run on SQLite
// and on PostgreSQL by scripts/test-all.mjs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../../support/fixtures";
import { mintCustomerAccountToken, mintSessionToken } from "../../support/sessionToken";
import { DEFAULT_SCOPES } from "../../../app/config.server";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { recordConsent } from "../../../app/privacy/consent/ledger";

const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";
const CUSTOMER = 1002; // has an email and a phone, Japanese locale
const OTHER_SHOPS_CUSTOMER = 2001;

describe(`the admin extension's API on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;

  const staffToken = (shop = DEMO_SHOP, userId = "8001") => mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId });
  const call = (path: string, init: { method?: string; token?: string | null; body?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${app.url}${path}`, {
      method: init.method ?? "GET",
      headers: {
        "User-Agent": BROWSER_UA,
        Origin: EXTENSION_ORIGIN,
        ...(init.token === null ? {} : { Authorization: `Bearer ${init.token ?? staffToken()}` }),
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.body,
    });

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "adminext");
    standIn = await startAdminApiStandIn();
    for (const shop of [DEMO_SHOP, OTHER_SHOP]) {
      await database.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") } });
    }
    app = await startApp({ database, adminApiUrl: standIn.url, env: { FLOW_WORKER_POLL_MS: "600000" } });

    const db = database.db;
    await db.policyVersion.create({ data: { shop: DEMO_SHOP, version: 1, contentHash: "h1", content: "{}" } });
    await db.policyVersion.create({ data: { shop: DEMO_SHOP, version: 2, contentHash: "h2", content: "{}", purposesChanged: true } });
    await recordConsent(db, { shop: DEMO_SHOP, shopifyCustomerId: String(CUSTOMER), kind: "policy", granted: true, policyVersion: 1, source: "storefront_form", choiceAt: new Date("2026-10-01T00:00:00Z") });
    await recordConsent(db, { shop: DEMO_SHOP, shopifyCustomerId: String(CUSTOMER), kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt: new Date("2026-10-01T00:00:00Z") });
    await recordConsent(db, { shop: DEMO_SHOP, shopifyCustomerId: String(CUSTOMER), kind: "email_marketing", granted: false, source: "stop_use_request", choiceAt: new Date("2026-10-05T00:00:00Z") });
    await recordConsent(db, { shop: DEMO_SHOP, shopifyCustomerId: String(CUSTOMER), kind: "analytics", granted: true, source: "consent_banner", choiceAt: new Date("2026-10-02T00:00:00Z") });
    const stopUse = await createPrivacyRequest(db, { shop: DEMO_SHOP, type: "stop_use", source: "storefront", shopifyCustomerId: String(CUSTOMER), email: "x@example.jp" }, "storefront");
    await db.privacyRequest.update({ where: { id: stopUse.id }, data: { erasureRequestedAt: new Date("2026-11-01T00:00:00Z") } });
    // The other shop holds a request for a customer with the same number: never shown to DEMO_SHOP.
    await createPrivacyRequest(db, { shop: OTHER_SHOP, type: "inquiry", source: "storefront", shopifyCustomerId: String(CUSTOMER), email: "y@example.jp" }, "storefront");
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("answers the sandbox's preflight with the CORS headers Shopify requires", async () => {
    const answer = await call(`/api/admin/customers/${CUSTOMER}`, {
      method: "OPTIONS",
      token: null,
      headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/Content-Type/);
  });

  it("summarises the customer: requests, consent as the ledger derives it, policy version, pending erasure", async () => {
    const answer = await call(`/api/admin/customers/${CUSTOMER}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const summary = await answer.json();
    expect(summary.requests.map((request: { type: string }) => request.type)).toEqual(["stop_use"]);
    expect(summary.consent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "email_marketing", granted: false, source: "stop_use_request" }),
        expect.objectContaining({ kind: "analytics", granted: true }),
      ]),
    );
    expect(summary.policy).toEqual({ acceptedVersion: 1, acceptedAt: "2026-10-01T00:00:00.000Z", latestVersion: 2, needsRenewal: true });
    expect(summary.erasure).toMatchObject({ requestedAt: "2026-11-01T00:00:00.000Z", heldForOrders: expect.any(Boolean) });
    expect(summary.timeZone).toBe("Asia/Tokyo");
    expect(JSON.stringify(summary)).not.toContain("x@example.jp");
  });

  it("records a request for the customer: linked, verified by the staff member, named on the timeline, sent to Flow", async () => {
    const answer = await call(`/api/admin/customers/${CUSTOMER}`, { method: "POST", body: JSON.stringify({ type: "disclosure", source: "staff_phone", note: "電話で開示の請求" }) });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const created = await answer.json();
    const request = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: created.id } });
    const customer = standIn.state.customer(DEMO_SHOP, CUSTOMER)!;
    expect(request).toMatchObject({
      shop: DEMO_SHOP,
      shopifyCustomerId: String(CUSTOMER),
      source: "staff_phone",
      identityStatus: "verified",
      identityMethod: "staff_match",
      identityVerifiedBy: "staff:8001",
      email: customer.email,
      customerName: `${customer.lastName} ${customer.firstName}`,
      message: "電話で開示の請求",
      language: "ja",
    });
    const timeline = await database.db.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { at: "asc" } });
    expect(timeline.filter((event) => event.action !== "notice_queued").map((event) => [event.action, event.actor])).toEqual([
      ["received", "staff:8001"],
      ["identity_verified", "staff:8001"],
    ]);
    expect(await database.db.flowTriggerEvent.count({ where: { requestId: request.id, trigger: "received" } })).toBe(1);
  });

  it("refuses bad input with a clear error and creates nothing", async () => {
    const before = await database.db.privacyRequest.count();
    const cases: Array<[string, number, string]> = [
      [JSON.stringify({ type: "delete_everything", source: "staff_phone" }), 400, "invalid_type"],
      [JSON.stringify({ type: "inquiry", source: "carrier_pigeon" }), 400, "invalid_source"],
      [JSON.stringify({ type: "inquiry", source: "staff_post", note: "あ".repeat(2001) }), 400, "invalid_note"],
      ["{not json", 400, "invalid_json"],
      [JSON.stringify({ type: "inquiry", source: "staff_post", note: "x".repeat(20_000) }), 413, "body_too_large"],
    ];
    for (const [body, status, error] of cases) {
      const answer = await call(`/api/admin/customers/${CUSTOMER}`, { method: "POST", body });
      expect(answer.status, body.slice(0, 40)).toBe(status);
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
      expect((await answer.json()).error).toBe(error);
    }
    expect(await database.db.privacyRequest.count()).toBe(before);
  });

  it("answers 404 for another shop's customer, whether read or written, and for ids that are not ids", async () => {
    const before = await database.db.privacyRequest.count();
    expect((await call(`/api/admin/customers/${OTHER_SHOPS_CUSTOMER}`)).status).toBe(404);
    const write = await call(`/api/admin/customers/${OTHER_SHOPS_CUSTOMER}`, { method: "POST", body: JSON.stringify({ type: "inquiry", source: "staff_phone" }) });
    expect(write.status).toBe(404);
    expect(write.headers.get("access-control-allow-origin")).toBe("*");
    expect((await call(`/api/admin/customers/gid%3A%2F%2Fshopify%2FCustomer%2F${CUSTOMER}`)).status).toBe(404);
    // The other shop's staff ask about DEMO_SHOP's customer: their shop has no such customer.
    expect((await call(`/api/admin/customers/${CUSTOMER}`, { token: staffToken(OTHER_SHOP) })).status).toBe(404);
    // …and about their own: they see their own shop's request only.
    const own = await (await call(`/api/admin/customers/${OTHER_SHOPS_CUSTOMER}`, { token: staffToken(OTHER_SHOP) })).json();
    expect(own.requests).toEqual([]);
    expect(await database.db.privacyRequest.count()).toBe(before);
  });

  it("refuses calls without a valid staff session token, and a customer's token, with CORS on the refusal", async () => {
    const missing = await call(`/api/admin/customers/${CUSTOMER}`, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("access-control-allow-origin")).toBe("*");
    const forged = mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: "not-the-secret" });
    expect((await call(`/api/admin/customers/${CUSTOMER}`, { token: forged })).status).toBe(401);
    const expired = mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, issuedAt: Math.floor(Date.now() / 1000) - 3600 });
    expect((await call(`/api/admin/customers/${CUSTOMER}`, { token: expired })).status).toBe(401);
    const shopper = mintCustomerAccountToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, customerId: CUSTOMER });
    expect((await call(`/api/admin/customers/${CUSTOMER}`, { token: shopper })).status).toBe(401);
    const before = await database.db.privacyRequest.count();
    expect((await call(`/api/admin/customers/${CUSTOMER}`, { token: shopper, method: "POST", body: JSON.stringify({ type: "inquiry", source: "staff_phone" }) })).status).toBe(401);
    expect(await database.db.privacyRequest.count()).toBe(before);
  });
});
