// Shopify's documented example payload of every topic the app subscribes to, delivered signed to the
// built app: each gets a 2xx and has its effect. Fields the samples give as null are null here
// (app/uninstalled's myshopify_domain, the SMS consent state), and their 18-digit ids arrive whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { demoFixtureShop } from "../support/fixtures";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { startApp, type RunningApp } from "../support/app";
import { referenceBody, referenceWebhook } from "../support/webhookReference";
import { deliver, waitForInbox } from "./webhooks.helpers";

const toml = parseToml(readFileSync(path.resolve(import.meta.dirname, "../../shopify.app.toml"), "utf8")) as {
  webhooks: { subscriptions: Array<{ topics?: string[]; compliance_topics?: string[] }> };
};
const subscribed = toml.webhooks.subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);

describe(`Shopify's reference payloads on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let shopify: AdminApiStandIn;
  const db = () => database.db;
  /** Topics whose sample a test below delivered and checked the effect of. */
  const delivered = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "refpayloads");
    // Shopify's Admin API: the sessions the tests store hold tokens it has revoked, as after an uninstall.
    shopify = await startAdminApiStandIn({ shops: [{ ...demoFixtureShop(), domain: "ref-uninstalled.myshopify.com" }] });
    app = await startApp({ database, adminApiUrl: shopify.url, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await shopify?.close();
    await database?.drop();
  });

  /** Delivers the topic's sample for `shop` (header and, where the sample names one, payload). */
  async function deliverSample(topic: string, shop: string) {
    const sample = referenceWebhook(topic);
    delivered.add(topic);
    const receivedFrom = new Date();
    const answer = await deliver(app, { topic, shop, payload: referenceBody(topic, shop) });
    expect(answer.status, `${topic} (${sample.source})`).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(300);
    // The event was committed before the answer, so an empty queue means it was processed.
    await waitForInbox(db());
    // An erasure removes the shop's or customer's inbox rows too; any that stayed must be done.
    const events = await db().webhookEvent.findMany({ where: { shop, topic, receivedAt: { gte: new Date(receivedFrom.getTime() - 1000) } } });
    expect(events.filter((event) => event.status !== "done")).toEqual([]);
    return { receivedFrom, event: events[0] };
  }

  const session = (shop: string, scope = "read_customers") => ({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_ref", scope });

  it("app/uninstalled (myshopify_domain and domain null): the shop from the header, its sessions removed", async () => {
    const shop = "ref-uninstalled.myshopify.com";
    await db().session.create({ data: session(shop) });
    await db().session.create({ data: { ...session(shop), id: `${shop}_online_1`, isOnline: true } });
    await deliverSample("app/uninstalled", shop);
    expect(await db().session.count({ where: { shop } })).toBe(0);
    expect(await db().shop.findUnique({ where: { domain: shop } })).toMatchObject({ status: "uninstalled", uninstalledAt: expect.any(Date) });
  });

  it("app/scopes_update: the granted scopes are recorded for the shop and its sessions", async () => {
    const shop = "ref-scopes.myshopify.com";
    await db().session.create({ data: session(shop, "read_products") });
    await deliverSample("app/scopes_update", shop);
    expect((await db().shop.findUnique({ where: { domain: shop } }))?.scopes).toBe("read_products,write_products");
    expect((await db().session.findUnique({ where: { id: `offline_${shop}` } }))?.scope).toBe("read_products,write_products");
  });

  it("customers_email_marketing_consent/update: a not-subscribed choice for customer 706405506930370084 (all 18 digits) in the ledger", async () => {
    const shop = "ref-email-consent.myshopify.com";
    const { event } = await deliverSample("customers_email_marketing_consent/update", shop);
    const records = await db().consentRecord.findMany({ where: { shop } });
    expect(records).toEqual([
      expect.objectContaining({ shopifyCustomerId: "706405506930370084", subjectKey: "customer:706405506930370084", kind: "email_marketing", granted: false, source: "shopify_webhook" }),
    ]);
    // consent_updated_at is null in the sample: the choice is dated when Shopify's delivery arrived.
    expect(records[0].choiceAt.getTime()).toBe(event.receivedAt.getTime());
  });

  it("customers_marketing_consent/update with a null state: acknowledged and processed, and no choice invented", async () => {
    const shop = "ref-sms-consent.myshopify.com";
    await deliverSample("customers_marketing_consent/update", shop);
    expect(await db().consentRecord.count({ where: { shop } })).toBe(0);
  });

  describe("compliance topics (the sample's {shop}.myshopify.com is the delivering shop)", () => {
    const shop = "ref-compliance.myshopify.com";

    it("customers/data_request: a disclosure request for customer 191167 with Shopify's request id and orders", async () => {
      await deliverSample("customers/data_request", shop);
      const requests = await db().privacyRequest.findMany({ where: { shop } });
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ type: "disclosure", source: "shopify", shopifyCustomerId: "191167", shopifyDataRequestId: "9999", email: "john@example.com" });
      expect(JSON.stringify(requests[0])).toContain("299938");
    });

    it("customers/redact: customer 191167's records erased and a receipt kept", async () => {
      await db().consentRecord.create({
        data: { shop, subjectKey: "customer:191167", shopifyCustomerId: "191167", kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt: new Date() },
      });
      const receipts = await db().erasureReceipt.count({ where: { kind: "customer_redact" } });
      await deliverSample("customers/redact", shop);
      expect(await db().consentRecord.count({ where: { shop, shopifyCustomerId: "191167" } })).toBe(0);
      expect(await db().privacyRequest.count({ where: { shop, OR: [{ email: "john@example.com" }, { shopifyCustomerId: "191167" }] } })).toBe(0);
      expect(await db().erasureReceipt.count({ where: { kind: "customer_redact" } })).toBe(receipts + 1);
    });

    it("shop/redact: nothing of the shop is left", async () => {
      // Only a shop without an offline session is erased (one with it has the app installed); a
      // staff member's online session stands for every row shop/redact must still remove.
      await db().session.create({ data: { ...session(shop), id: `${shop}_online`, isOnline: true } });
      await deliverSample("shop/redact", shop);
      expect(await db().privacyRequest.count({ where: { shop } })).toBe(0);
      expect(await db().session.count({ where: { shop } })).toBe(0);
      expect(await db().shop.count({ where: { domain: shop } })).toBe(0);
      expect(await db().erasureReceipt.count({ where: { kind: "shop_redact" } })).toBe(1);
    });
  });

  // Last in the file: a topic added to shopify.app.toml (its sample is then required by
  // tests/contract/webhook-reference.test.ts) fails here until a test above delivers it.
  it("delivered the sample of every topic shopify.app.toml subscribes to", () => {
    expect([...delivered].sort()).toEqual([...subscribed].sort());
  });
});
