// The consent ledger searched by email (issue 13, point 10): the ledger stores no email, so an
// email-only subject is found through its keyed hashes and a Shopify customer through Shopify's
// customer search by that email; another email finds neither, and the search is the shop's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { mintSessionToken } from "../../support/sessionToken";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../../support/fixtures";
import { DEFAULT_SCOPES } from "../../../app/config.server";
import { recordConsent } from "../../../app/privacy/consent/ledger";

describe(`consent ledger search by email on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  let customerEmail = "";
  const ids: Record<string, string> = {};

  const get = (path: string) =>
    fetch(`${app.url}${path}`, {
      headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7" })}` },
    }).then((response) => response.text());

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "ledgersearch");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    const customer = [...standIn.state.shop(DEMO_SHOP).customers.values()].find((candidate) => candidate.id !== BUSY_CUSTOMER_ID && candidate.email)!;
    customerEmail = customer.email!;
    const choiceAt = new Date();
    ids.customer = (await recordConsent(database.db, { shop: DEMO_SHOP, shopifyCustomerId: String(customer.id), kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt })).id;
    ids.emailOnly = (await recordConsent(database.db, { shop: DEMO_SHOP, email: "newsletter-only@example.jp", kind: "email_marketing", granted: true, source: "storefront_form", choiceAt })).id;
    ids.other = (await recordConsent(database.db, { shop: DEMO_SHOP, email: "someone-else@example.jp", kind: "policy", granted: true, source: "storefront_form", choiceAt })).id;
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("finds a Shopify customer's choices by the customer's email, through Shopify's customer search", async () => {
    const page = await get(`/app/consent.data?q=${encodeURIComponent(customerEmail.toUpperCase())}`);
    expect(page).toContain(ids.customer);
    expect(page).not.toContain(ids.emailOnly);
    expect(page).not.toContain(ids.other);
  });

  it("finds an email-only subject through its keyed hash, and nothing for an unknown email", async () => {
    const page = await get(`/app/consent.data?q=${encodeURIComponent("Newsletter-Only@example.jp")}`);
    expect(page).toContain(ids.emailOnly);
    expect(page).not.toContain(ids.customer);
    const none = await get(`/app/consent.data?q=${encodeURIComponent("nobody@example.jp")}`);
    for (const id of Object.values(ids)) expect(none).not.toContain(id);
  });
});
