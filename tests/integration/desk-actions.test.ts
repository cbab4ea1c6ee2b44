// The request page's Shopify actions through the built server and the Admin API stand-in: a staff
// session proposes customer matches, confirms one, builds the disclosure package (progress polled
// through the page's loader) and downloads it; stop use reaches Shopify's consent mutations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../support/fixtures";
import { mintSessionToken } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest } from "../../app/privacy/requests";

describe(`desk Shopify actions on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  let customerEmail: string;

  const headers = () => ({
    "User-Agent": BROWSER_UA,
    Authorization: `Bearer ${mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "5005" })}`,
  });
  const post = async (id: string, fields: Record<string, string>) => {
    const response = await fetch(`${app.url}/app/requests/${id}`, {
      method: "POST",
      headers: { ...headers(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "deskact");
    standIn = await startAdminApiStandIn();
    customerEmail = standIn.state.customer(DEMO_SHOP, 1003)!.email!;
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("proposes the matching customer, confirms it and builds a downloadable disclosure package", async () => {
    const request = await createPrivacyRequest(database.db, { shop: DEMO_SHOP, type: "disclosure", source: "staff_phone", email: customerEmail }, "test");
    const matches = await post(request.id, { intent: "matches" });
    expect(matches.status).toBe(200);
    expect(matches.text).toContain("1003");

    expect((await post(request.id, { intent: "confirm_match", customerId: "1003" })).status).toBe(200);
    const verified = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(verified.identityStatus).toBe("verified");
    expect(verified.shopifyCustomerId).toBe("1003");

    // Before any package exists the download is a 404, not an empty file.
    expect((await fetch(`${app.url}/app/requests/${request.id}/package?format=json`, { headers: headers() })).status).toBe(404);
    expect((await post(request.id, { intent: "disclosure" })).status).toBe(200);
    // The page's loader reports the job's progress while the background worker builds the package.
    const page = await (await fetch(`${app.url}/app/requests/${request.id}.data`, { headers: headers() })).text();
    expect(page).toContain("disclosure_started");
    await expect
      .poll(async () => (await fetch(`${app.url}/app/requests/${request.id}/package?format=json`, { headers: headers() })).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
    const json = await fetch(`${app.url}/app/requests/${request.id}/package?format=json`, { headers: headers() });
    expect(json.status).toBe(200);
    expect(await json.text()).toContain(customerEmail);
    const html = await fetch(`${app.url}/app/requests/${request.id}/package?format=html`, { headers: headers() });
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    const bad = await fetch(`${app.url}/app/requests/${request.id}/package?format=exe`, { headers: headers() });
    expect(bad.status).toBe(400);
  });

  it("refuses a Shopify action before identity is verified, changing nothing", async () => {
    const request = await createPrivacyRequest(database.db, { shop: DEMO_SHOP, type: "stop_use", source: "staff_phone", email: customerEmail }, "test");
    const calls = standIn.calls.length;
    const answer = await post(request.id, { intent: "stop_use" });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("identity");
    expect(standIn.calls.length).toBe(calls);
  });
});
