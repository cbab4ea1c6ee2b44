// The customer picker's search over HTTP (issue 13, point 10): staff type part of a name, email or
// phone and get the shop's matching Shopify customers from Admin GraphQL `customers(query:)`, never
// another shop's; too short a text asks Shopify nothing; search syntax typed by staff stays text;
// Shopify down answers 502 in a shape the picker says in words, and the log holds nothing typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../support/fixtures";
import { adminHost, embeddedAppUrl, mintSessionToken } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import type { CustomerSearchAnswer } from "../../app/routes/app.customers.search";

describe(`customer search on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  // The last test stops the stand-in to play Shopify being unreachable.
  let standInStopped = false;

  const search = async (q: string, shop = DEMO_SHOP) => {
    const token = mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "42" });
    const response = await fetch(`${app.url}/app/customers/search?${new URLSearchParams({ q })}`, { headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as CustomerSearchAnswer };
  };
  const searches = () => standIn.calls.filter((call) => call.operationName === "PrivacyDeskSearchCustomers");

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "customersearch");
    standIn = await startAdminApiStandIn();
    for (const shop of [DEMO_SHOP, OTHER_SHOP]) {
      await database.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") } });
    }
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    if (!standInStopped) await standIn?.close();
    await database?.drop();
  });

  it("finds the shop's customers by family name, email and phone, with their order count", async () => {
    const customer = [...standIn.state.shop(DEMO_SHOP).customers.values()].find((c) => c.email && c.phone && c.id !== 1001)!;
    const byName = await search(customer.lastName);
    expect(byName.status).toBe(200);
    if (!byName.body.ok) throw new Error("search failed");
    expect(byName.body.customers.length).toBeGreaterThan(0);
    expect(byName.body.customers.length).toBeLessThanOrEqual(8);
    for (const found of byName.body.customers) expect(found.lastName).toBe(customer.lastName);

    const byEmail = await search(customer.email!);
    expect(byEmail.body).toEqual({ ok: true, customers: [expect.objectContaining({ customerId: String(customer.id), email: customer.email, numberOfOrders: expect.any(Number) })] });
    const byPhone = await search(customer.phone!.replace(/\s/g, ""));
    expect(byPhone.body.ok && byPhone.body.customers.map((c) => c.customerId)).toContain(String(customer.id));
  });

  it("never answers with another shop's customers", async () => {
    const theirs = [...standIn.state.shop(OTHER_SHOP).customers.values()][0];
    const here = await search(theirs.email!);
    expect(here.body).toEqual({ ok: true, customers: [] });
    const there = await search(theirs.email!, OTHER_SHOP);
    expect(there.body.ok && there.body.customers.map((c) => c.customerId)).toEqual([String(theirs.id)]);
  });

  it("asks Shopify nothing for one character, and sends typed syntax as quoted text", async () => {
    const before = searches().length;
    expect((await search("佐")).body).toEqual({ ok: true, customers: [] });
    expect(searches().length).toBe(before);
    expect((await search("tag:vip")).body).toEqual({ ok: true, customers: [] });
    expect(searches().at(-1)!.variables.query).toBe('"tag:vip"');
  });

  // authenticate.admin reads a request without an Authorization header as a document load and
  // redirects it to the login page; the search is only ever fetched, so it answers 401 like a fetch
  // whose token is invalid. A document request (the token as id_token) is checked as usual.
  it("answers a fetch without a session token, or with a forged one, 401 and no customer", async () => {
    const customer = [...standIn.state.shop(DEMO_SHOP).customers.values()][1];
    const url = `${app.url}/app/customers/search?${new URLSearchParams({ q: customer.email! })}`;
    const bare = await fetch(url, { headers: { "User-Agent": BROWSER_UA }, redirect: "manual" });
    expect(bare.status).toBe(401);
    expect(bare.headers.get("location")).toBeNull();
    const body = await bare.text();
    expect(JSON.parse(body)).toEqual({ error: "unauthorized" });
    const forged = mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: "not-the-secret", userId: "42" });
    const wrong = await fetch(url, { headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${forged}` }, redirect: "manual" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain(customer.email!);
    // As a document, with the embedded parameters Shopify admin adds but no id_token: 401 too, no bounce page.
    const document = new URL(url);
    for (const [key, value] of Object.entries({ embedded: "1", shop: DEMO_SHOP, host: adminHost(DEMO_SHOP) })) document.searchParams.set(key, value);
    const noToken = await fetch(document, { headers: { "User-Agent": BROWSER_UA }, redirect: "manual" });
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).not.toContain(customer.email!);
  });

  it("answers a document request that carries the session token as id_token like a fetch", async () => {
    const customer = [...standIn.state.shop(DEMO_SHOP).customers.values()][1];
    const url = new URL(embeddedAppUrl(app.url, `/app/customers/search?${new URLSearchParams({ q: customer.email! })}`, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "42" }));
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA }, redirect: "manual" });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as CustomerSearchAnswer;
    expect(answer.ok && answer.customers.map((found) => found.customerId)).toEqual([String(customer.id)]);
  });

  it("answers 502 when Shopify cannot be reached, logging nothing typed", async () => {
    await standIn.close();
    standInStopped = true;
    const answer = await search("unreachable-term");
    expect(answer).toEqual({ status: 502, body: { ok: false, error: "shopify_unavailable" } });
    expect(app.output()).toContain("customer_search.failed");
    expect(app.output()).not.toContain("unreachable-term");
  });

});
