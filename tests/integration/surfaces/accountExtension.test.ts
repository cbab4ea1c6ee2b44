// The backend of the Privacy page in customer accounts, over HTTP against the built app: the
// customer-account session token (authenticate.public.customerAccount) decides shop and customer;
// another customer's request ids, an admin token, a forged, expired or foreign-audience token, and
// an uninstalled shop get nothing. Run on SQLite and on PostgreSQL by scripts/test-all.mjs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../../support/fixtures";
import { mintCustomerAccountToken, mintSessionToken } from "../../support/sessionToken";
import { DEFAULT_SCOPES } from "../../../app/config.server";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { DISCLOSURE_JOB } from "../../../app/privacy/disclosure";
import { MAX_OPEN_ACCOUNT_REQUESTS } from "../../../app/privacy/surfaces/accountPrivacy";

const ACCOUNT_ORIGIN = "https://extensions.shopifycdn.com";
const CUSTOMER = 1002; // email and phone
const NO_PHONE = 1003;
const NEIGHBOUR = 1004; // another customer of the same shop

describe(`the customer account page's API on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  let neighbourRequestId: string;
  let readyRequestId: string;

  const token = (customerId: number | undefined = CUSTOMER, overrides: Partial<Parameters<typeof mintCustomerAccountToken>[0]> = {}) =>
    mintCustomerAccountToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, customerId, ...overrides });
  const call = (path: string, init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${app.url}${path}`, {
      method: init.method ?? "GET",
      headers: {
        "User-Agent": BROWSER_UA,
        Origin: ACCOUNT_ORIGIN,
        ...(init.token === null ? {} : { Authorization: `Bearer ${init.token ?? token()}` }),
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });

  /** Completes `request` with a built disclosure package, as the worker leaves it. */
  async function completeWithPackage(request: { id: string; reference: string; shopifyCustomerId: string | null }) {
    const pkg = {
      reference: request.reference,
      shop: DEMO_SHOP,
      businessName: "qui pearl project",
      language: "ja",
      deliveryMethod: "electronic",
      generatedAt: "2026-11-20T00:00:00.000Z",
      shopify: null,
      appRecords: { shop: DEMO_SHOP, shopifyCustomerId: request.shopifyCustomerId, generatedAt: "2026-11-20T00:00:00.000Z", requests: [], consentRecords: [], formSubmissions: [], provisionRecords: [] },
    };
    await database.db.job.create({ data: { shop: DEMO_SHOP, kind: DISCLOSURE_JOB, requestId: request.id, status: "done", result: JSON.stringify(pkg) } });
    await database.db.privacyRequest.update({ where: { id: request.id }, data: { status: "completed", closedAt: new Date() } });
  }

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "accountext");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({ data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") } });
    app = await startApp({ database, adminApiUrl: standIn.url, env: { FLOW_WORKER_POLL_MS: "600000", JOB_WORKER_POLL_MS: "600000" } });
    const db = database.db;
    const neighbour = await createPrivacyRequest(db, { shop: DEMO_SHOP, type: "disclosure", source: "storefront", shopifyCustomerId: String(NEIGHBOUR), email: "n@example.jp" }, "storefront");
    neighbourRequestId = neighbour.id;
    const ready = await createPrivacyRequest(db, { shop: DEMO_SHOP, type: "disclosure", source: "storefront", shopifyCustomerId: String(CUSTOMER), email: "c@example.jp", language: "ja" }, "storefront");
    readyRequestId = ready.id;
    await completeWithPackage(ready);
    await completeWithPackage(neighbour);
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("answers the preflight with Shopify's CORS headers", async () => {
    const answer = await call("/api/account/privacy", { method: "OPTIONS", token: null, headers: { "Access-Control-Request-Method": "POST" } });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });

  it("shows the customer their own requests only, with the package ready, and their marketing consent", async () => {
    const answer = await call("/api/account/privacy");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const page = await answer.json();
    expect(page.requests.map((request: { id: string; packageReady: boolean }) => [request.id, request.packageReady])).toEqual([[readyRequestId, true]]);
    expect(page.consent.map((entry: { channel: string; available: boolean }) => [entry.channel, entry.available])).toEqual([
      ["email", true],
      ["sms", true],
    ]);
    expect(page.canFile).toBe(true);
    const other = await (await call("/api/account/privacy", { token: token(NEIGHBOUR) })).json();
    expect(other.requests.map((request: { id: string }) => request.id)).toEqual([neighbourRequestId]);
  });

  it("files a request verified by the customer's login, linked to them, with the shop's contact details", async () => {
    const answer = await call("/api/account/privacy", { method: "POST", body: { type: "correction", message: "住所が古いままです", language: "ja" } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const created = await answer.json();
    const request = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(request).toMatchObject({
      shop: DEMO_SHOP,
      shopifyCustomerId: String(CUSTOMER),
      source: "customer_account",
      identityStatus: "verified",
      identityMethod: "shopify_customer_login",
      email: standIn.state.customer(DEMO_SHOP, CUSTOMER)!.email,
      message: "住所が古いままです",
    });
    const bad = await call("/api/account/privacy", { method: "POST", body: { type: "everything" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("invalid_type");
  });

  it(`refuses a ${MAX_OPEN_ACCOUNT_REQUESTS + 1}th open request, and counts only open ones`, async () => {
    const customer = 1005;
    for (let i = 0; i < MAX_OPEN_ACCOUNT_REQUESTS; i++) {
      expect((await call("/api/account/privacy", { token: token(customer), method: "POST", body: { type: "inquiry" } })).status).toBe(201);
    }
    const refused = await call("/api/account/privacy", { token: token(customer), method: "POST", body: { type: "inquiry" } });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toBe("too_many_open_requests");
    expect(await database.db.privacyRequest.count({ where: { shopifyCustomerId: String(customer) } })).toBe(MAX_OPEN_ACCOUNT_REQUESTS);
  });

  it("changes marketing consent at Shopify and in the ledger; a channel the customer lacks or a malformed choice records nothing", async () => {
    const answer = await call("/api/account/consent", { method: "POST", body: { channel: "email", granted: true, language: "ja" } });
    expect(answer.status).toBe(200);
    expect(standIn.state.customer(DEMO_SHOP, CUSTOMER)!.emailMarketingConsent?.marketingState).toBe("SUBSCRIBED");
    const record = await database.db.consentRecord.findFirstOrThrow({ where: { shop: DEMO_SHOP, shopifyCustomerId: String(CUSTOMER), kind: "email_marketing" } });
    expect(record).toMatchObject({ granted: true, source: "customer_account", subjectKey: `customer:${CUSTOMER}` });

    expect((await call("/api/account/consent", { method: "POST", body: { channel: "sms", granted: false } })).status).toBe(200);
    expect(standIn.state.customer(DEMO_SHOP, CUSTOMER)!.smsMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");
    const page = await (await call("/api/account/privacy")).json();
    expect(page.consent.find((entry: { channel: string }) => entry.channel === "email").granted).toBe(true);
    expect(page.consent.find((entry: { channel: string }) => entry.channel === "sms").granted).toBe(false);

    const before = await database.db.consentRecord.count();
    const noPhone = await call("/api/account/consent", { token: token(NO_PHONE), method: "POST", body: { channel: "sms", granted: true } });
    expect(noPhone.status).toBe(400);
    expect((await noPhone.json()).error).toBe("no_channel");
    expect((await call("/api/account/consent", { method: "POST", body: { channel: "email", granted: "yes" } })).status).toBe(400);
    expect((await call("/api/account/consent", { method: "POST", body: "[]" })).status).toBe(400);
    expect(await database.db.consentRecord.count()).toBe(before);
  });

  it("hands out a one-time link to the customer's own package, in their language, and nothing for another's", async () => {
    expect((await call(`/api/account/requests/${neighbourRequestId}/download`, { method: "POST", body: {} })).status).toBe(404);
    expect((await call(`/api/account/requests/does-not-exist/download`, { method: "POST", body: {} })).status).toBe(404);
    const open = await createPrivacyRequest(database.db, { shop: DEMO_SHOP, type: "disclosure", source: "storefront", shopifyCustomerId: String(CUSTOMER), email: "c@example.jp" }, "storefront");
    const notReady = await call(`/api/account/requests/${open.id}/download`, { method: "POST", body: {} });
    expect(notReady.status).toBe(409);
    expect((await notReady.json()).error).toBe("package_not_ready");

    const granted = await call(`/api/account/requests/${readyRequestId}/download`, { method: "POST", body: { format: "html", language: "en" } });
    expect(granted.status).toBe(201);
    const { url } = await granted.json();
    expect(url).toMatch(new RegExp(`^${app.url}/api/account/download/[A-Za-z0-9_-]{43}$`));
    const file = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/html");
    expect(file.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await file.text();
    expect(html).toMatch(/Disclosure|disclosure/);
    expect(html).not.toMatch(/[ぁ-ん]{4,}/);
    // Once only.
    expect((await fetch(url, { headers: { "User-Agent": BROWSER_UA } })).status).toBe(404);
    expect((await fetch(`${app.url}/api/account/download/${"A".repeat(43)}`, { headers: { "User-Agent": BROWSER_UA } })).status).toBe(404);
    const events = await database.db.requestEvent.findMany({ where: { requestId: readyRequestId, action: "disclosure_downloaded" } });
    expect(events.map((event) => event.actor)).toEqual(["shopper"]);
  });

  it("gives a customer of another shop, even one with the same customer number, none of this shop's requests or packages (404)", async () => {
    const db = database.db;
    // Customer 2001 of OTHER_SHOP, which has the app installed too; this shop holds a ready package
    // for its own customer 2001.
    const SAME_NUMBER = 2001;
    await db.session.create({ data: { id: `offline_${OTHER_SHOP}`, shop: OTHER_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") } });
    try {
      const here = await createPrivacyRequest(db, { shop: DEMO_SHOP, type: "disclosure", source: "storefront", shopifyCustomerId: String(SAME_NUMBER), email: "s@example.jp" }, "storefront");
      await completeWithPackage(here);
      const foreign = token(SAME_NUMBER, { shop: OTHER_SHOP });

      const page = await call("/api/account/privacy", { token: foreign });
      expect(page.status).toBe(200);
      expect((await page.json()).requests).toEqual([]);
      const grants = await db.accountDownloadGrant.count();
      for (const id of [here.id, readyRequestId]) {
        const refused = await call(`/api/account/requests/${id}/download`, { token: foreign, method: "POST", body: {} });
        expect(refused.status, id).toBe(404);
        expect(refused.headers.get("access-control-allow-origin")).toBe("*");
      }
      expect(await db.accountDownloadGrant.count()).toBe(grants);
      // This shop's own customer 2001 is the one who gets it.
      expect((await call(`/api/account/requests/${here.id}/download`, { token: token(SAME_NUMBER), method: "POST", body: {} })).status).toBe(201);
    } finally {
      // The refusals below take OTHER_SHOP as a shop without the app.
      await db.session.delete({ where: { id: `offline_${OTHER_SHOP}` } });
    }
  });

  it("refuses an admin token, a forged, expired or other app's token, a visitor who is not logged in, and an uninstalled shop", async () => {
    const refusals: Array<[string, string | null]> = [
      ["no token", null],
      ["staff token", mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET })],
      ["forged", token(CUSTOMER, { secret: "wrong-secret" })],
      ["expired", token(CUSTOMER, { issuedAt: Math.floor(Date.now() / 1000) - 3600 })],
      ["another app", token(CUSTOMER, { apiKey: "another-app" })],
      ["not logged in", token(CUSTOMER, { customerId: undefined })],
      ["uninstalled shop", token(CUSTOMER, { shop: OTHER_SHOP })],
      ["not a shop", token(CUSTOMER, { shop: "evil.example.com" })],
    ];
    const before = await database.db.privacyRequest.count();
    for (const [label, bearer] of refusals) {
      const read = await call("/api/account/privacy", { token: bearer });
      expect(read.status, label).toBe(401);
      expect(read.headers.get("access-control-allow-origin"), label).toBe("*");
      expect((await call("/api/account/privacy", { token: bearer, method: "POST", body: { type: "inquiry" } })).status, label).toBe(401);
    }
    expect(await database.db.privacyRequest.count()).toBe(before);
  });
});
