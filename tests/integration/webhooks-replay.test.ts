// Captured deliveries replayed at the built server (docs/security.md, "Webhook path under attack").
// Shopify's signature covers the body only: X-Shopify-Webhook-Id, X-Shopify-Triggered-At and the
// other headers can be rewritten by whoever holds a delivery, so a replay is recognised by what the
// body says and by the state it meets, never by a header.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { demoFixtureShop, FIXTURE_ACCESS_TOKEN, otherFixtureShop } from "../support/fixtures";
import { compliancePayloads } from "../support/webhooks";
import { deliver, waitForInbox, waitForProcessedLog } from "./webhooks.helpers";
import { customerHash, shopHash } from "../../app/privacy/keyedHash";

const SHOP = "replay-shop.myshopify.com";
const OTHER = "replay-other.myshopify.com";
const REINSTALLED = "replay-reinstalled.myshopify.com";
const LOST = "replay-lost-uninstall.myshopify.com";
const FLOODED = "replay-flooded.myshopify.com";
/** How long the app takes Shopify's "the token works" as standing (30 s in production). */
const CHECK_WINDOW_MS = 5_000;

process.env.SHOPIFY_API_SECRET ??= TEST_API_SECRET;

describe(`replayed deliveries on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  // Shopify's Admin API, which alone knows whether the app is installed: it answers the shop's
  // offline token until the app is uninstalled, when it revokes it (uninstall() below).
  let shopify: AdminApiStandIn;
  const db = () => database.db;
  const uninstall = (shop: string) => void (shopify.state.shop(shop).fixture.accessToken = "shpat_revoked_at_uninstall");
  const offlineSession = (shop: string) =>
    db().session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: FIXTURE_ACCESS_TOKEN, scope: "read_customers" } });

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "replay");
    const shops = [{ ...demoFixtureShop(), domain: SHOP }, { ...otherFixtureShop(), domain: OTHER }, ...[REINSTALLED, LOST, FLOODED].map((domain) => ({ ...demoFixtureShop(), domain }))];
    shopify = await startAdminApiStandIn({ shops });
    app = await startApp({ database, adminApiUrl: shopify.url, env: { WEBHOOK_WORKER_POLL_MS: "200", WEBHOOK_INSTALL_CHECK_WINDOW_MS: String(CHECK_WINDOW_MS) } });
  });
  afterAll(async () => {
    await app?.stop();
    await shopify?.close();
    await database?.drop();
  });

  const seedRequest = (shop: string, reference: string) =>
    db().privacyRequest.create({
      data: { shop, reference, type: "disclosure", source: "staff_phone", customerName: "山田 花子", email: "hanako@example.jp", dueAt: new Date(Date.now() + 86_400_000) },
    });

  it("a shop/redact replayed while the shop has the app installed erases nothing; after app/uninstalled it erases the shop", async () => {
    await offlineSession(SHOP);
    await seedRequest(SHOP, "PD-2026-00001");
    await db().consentRecord.create({
      data: { shop: SHOP, subjectKey: "customer:42", shopifyCustomerId: "42", kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt: new Date() },
    });
    // The body of a shop/redact is the same every time, and so is its signature: one captured
    // before a reinstall (or from any earlier uninstall) is as good as a new one.
    const captured = compliancePayloads.shopRedact(SHOP);
    expect((await deliver(app, { topic: "shop/redact", shop: SHOP, payload: captured })).status).toBe(200);
    await waitForProcessedLog(app, "shop/redact", 1);
    expect(await db().privacyRequest.count({ where: { shop: SHOP } })).toBe(1);
    expect(await db().consentRecord.count({ where: { shop: SHOP } })).toBe(1);
    expect(await db().session.count({ where: { shop: SHOP } })).toBe(1);
    expect(await db().erasureReceipt.findMany({ where: { kind: "shop_redact" }, select: { outcome: true } })).toEqual([{ outcome: "refused_installed" }]);

    // Shopify's own order: the uninstall revokes the token, app/uninstalled deletes the sessions,
    // shop/redact follows 48 h later.
    uninstall(SHOP);
    const uninstalled = { id: 1, name: "Replay Shop", myshopify_domain: SHOP, domain: SHOP };
    // Shopify said the token worked when the replayed redact came; that answer stands for a window
    // (the flood test below), which Shopify's own uninstall, minutes later, would be past.
    await new Promise((resolve) => setTimeout(resolve, CHECK_WINDOW_MS));
    expect((await deliver(app, { topic: "app/uninstalled", shop: SHOP, payload: uninstalled })).status).toBe(200);
    await waitForInbox(db(), 2);
    expect((await deliver(app, { topic: "shop/redact", shop: SHOP, payload: captured })).status).toBe(200);
    await waitForProcessedLog(app, "shop/redact", 2);
    expect(await db().privacyRequest.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().consentRecord.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().erasureReceipt.count({ where: { kind: "shop_redact", outcome: "erased" } })).toBe(1);
  });

  /** The shop/redact receipts of `shop`, once `count` of them are written. */
  const shopRedactReceipts = async (shop: string, count: number) => {
    for (const deadline = Date.now() + 30_000; ; ) {
      const receipts = await db().erasureReceipt.findMany({ where: { kind: "shop_redact", shopHash: shopHash(shop) }, select: { outcome: true } });
      if (receipts.length >= count) return receipts.map((r) => r.outcome);
      if (Date.now() > deadline) expect.fail(`expected ${count} shop/redact receipts for ${shop}, saw ${receipts.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("a captured app/uninstalled and shop/redact of an earlier install, replayed in that order after a reinstall, erase nothing", async () => {
    // Reinstalled: Shopify issued a new offline token, which works. Captured earlier: the bodies
    // (and so the signatures) of that install's uninstall and redact, which never change; the
    // headers are the replayer's to set, Triggered-At and Event-Id of that time included.
    await offlineSession(REINSTALLED);
    await seedRequest(REINSTALLED, "PD-2026-00003");
    const uninstalled = { id: 3, name: "Reinstalled Shop", myshopify_domain: REINSTALLED, domain: REINSTALLED };
    const old = (headers: Record<string, string>) => void (headers["X-Shopify-Triggered-At"] = "2026-09-01T00:00:00.000Z");
    expect((await deliver(app, { topic: "app/uninstalled", shop: REINSTALLED, payload: uninstalled, webhookId: "captured-uninstall" }, old)).status).toBe(200);
    const redact = compliancePayloads.shopRedact(REINSTALLED);
    expect((await deliver(app, { topic: "shop/redact", shop: REINSTALLED, payload: redact, webhookId: "captured-redact" }, old)).status).toBe(200);
    expect(await shopRedactReceipts(REINSTALLED, 1)).toEqual(["refused_installed"]);
    await waitForInbox(db());
    // Before the change the uninstall deleted the sessions and the redact then erased the shop.
    expect(await db().session.count({ where: { shop: REINSTALLED } })).toBe(1);
    expect(await db().privacyRequest.count({ where: { shop: REINSTALLED } })).toBe(1);
    expect(await db().webhookEvent.count({ where: { shop: REINSTALLED, topic: "app/uninstalled" } })).toBe(0);
    expect((await db().shop.findUnique({ where: { domain: REINSTALLED } }))?.status ?? "installed").toBe("installed");
    expect(app.output()).toContain('"event":"webhook.lifecycle_not_confirmed"');
  });

  it("a flood of replayed app/uninstalled costs the shop one Admin API call per window, and stores nothing", async () => {
    await offlineSession(FLOODED);
    const uninstalled = { id: 5, name: "Flooded Shop", myshopify_domain: FLOODED, domain: FLOODED };
    const asked = () => shopify.calls.filter((call) => call.shop === FLOODED).length;
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => deliver(app, { topic: "app/uninstalled", shop: FLOODED, payload: uninstalled, webhookId: `flood-${i}` })));
    // Before the window the answers came from one shared check (200); after it, 503 until it ends.
    expect(answers.every((answer) => answer.status === 200 || answer.status === 503)).toBe(true);
    const more = await Promise.all(Array.from({ length: 30 }, (_, i) => deliver(app, { topic: "app/uninstalled", shop: FLOODED, payload: uninstalled, webhookId: `flood-more-${i}` })));
    expect(more.map((answer) => answer.status)).toEqual(Array(30).fill(503));
    expect(asked()).toBe(1);
    expect(await db().webhookEvent.count({ where: { shop: FLOODED } })).toBe(0);
    expect(await db().session.count({ where: { shop: FLOODED } })).toBe(1);
    // The merchant uninstalls within the window: Shopify's delivery is 503, not dropped, and its
    // retry after the window meets a fresh answer and is believed.
    uninstall(FLOODED);
    const real = await deliver(app, { topic: "app/uninstalled", shop: FLOODED, payload: uninstalled, webhookId: "real-uninstall" });
    expect(real.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, CHECK_WINDOW_MS));
    expect((await deliver(app, { topic: "app/uninstalled", shop: FLOODED, payload: uninstalled, webhookId: "real-uninstall" })).status).toBe(200);
    await waitForInbox(db());
    expect(await db().session.count({ where: { shop: FLOODED } })).toBe(0);
    expect(asked()).toBe(1);
  }, 30_000);

  it("a shop/redact after an app/uninstalled that never arrived erases the shop once Shopify says the token is revoked", async () => {
    // Shopify gave up retrying the uninstall (the app was down for hours): the sessions are still
    // there, but dead. Refusing the redact for them would keep the shop's data for ever.
    await offlineSession(LOST);
    await seedRequest(LOST, "PD-2026-00004");
    uninstall(LOST);
    expect((await deliver(app, { topic: "shop/redact", shop: LOST, payload: compliancePayloads.shopRedact(LOST) })).status).toBe(200);
    expect(await shopRedactReceipts(LOST, 1)).toEqual(["erased"]);
    expect(await db().privacyRequest.count({ where: { shop: LOST } })).toBe(0);
    expect(await db().session.count({ where: { shop: LOST } })).toBe(0);
  });

  it("a customers/redact signed for one shop cannot be pointed at another by its headers, nor its body changed under the signature", async () => {
    await seedRequest(OTHER, "PD-2026-00002");
    const redact = compliancePayloads.customerRedact(SHOP, { id: 77, email: "hanako@example.jp" });
    // Header names the other shop; the signed body names this one.
    expect((await deliver(app, { topic: "customers/redact", shop: OTHER, payload: redact })).status).toBe(400);
    // The body rewritten to name the other shop, sent under the original signature.
    const { signed } = await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact });
    const forged = signed.body.replace(SHOP, OTHER);
    const response = await fetch(`${app.url}/webhooks/customers/redact`, {
      method: "POST",
      headers: { ...signed.headers, "X-Shopify-Shop-Domain": OTHER, "X-Shopify-Webhook-Id": "forged-1" },
      body: forged,
    });
    expect(response.status).toBe(401);
    await waitForInbox(db());
    expect(await db().webhookEvent.count({ where: { shop: OTHER } })).toBe(0);
    expect(await db().privacyRequest.findFirst({ where: { shop: OTHER } })).toMatchObject({ email: "hanako@example.jp", redacted: false });
  });

  it("a consent update replayed under new webhook ids is recorded once, and an older one replayed after a withdrawal changes nothing", async () => {
    const consent = (state: string, at: string) => ({
      customer_id: 5150,
      email_address: "sakura@example.jp",
      email_marketing_consent: { state, opt_in_level: "single_opt_in", consent_updated_at: at },
    });
    const optIn = consent("subscribed", "2026-11-01T00:00:00Z");
    expect((await deliver(app, { topic: "customers_email_marketing_consent/update", shop: SHOP, payload: optIn })).status).toBe(200);
    expect((await deliver(app, { topic: "customers_email_marketing_consent/update", shop: SHOP, payload: consent("unsubscribed", "2026-11-02T00:00:00Z") })).status).toBe(200);
    await waitForInbox(db());
    // The captured opt-in, replayed with new webhook ids (and a fresh X-Shopify-Triggered-At).
    for (let i = 0; i < 5; i++) {
      expect((await deliver(app, { topic: "customers_email_marketing_consent/update", shop: SHOP, payload: optIn, triggeredAt: new Date().toISOString() })).status).toBe(200);
    }
    await waitForInbox(db());
    const rows = await db().consentRecord.findMany({ where: { shop: SHOP, subjectKey: "customer:5150" }, orderBy: { choiceAt: "asc" }, select: { granted: true, choiceAt: true } });
    expect(rows).toEqual([
      { granted: true, choiceAt: new Date("2026-11-01T00:00:00Z") },
      { granted: false, choiceAt: new Date("2026-11-02T00:00:00Z") },
    ]);
  });

  it("a captured delivery sent under the webhook id of one Shopify has yet to retry does not make the real one a duplicate", async () => {
    // Shopify retries a delivery under the same X-Shopify-Webhook-Id, and that id is not signed. One
    // that the app could not store (a 503) and that a reader of request logs has seen the id of
    // can be taken first by any captured delivery: the retry of the real one then met an existing
    // key, was acknowledged as a duplicate and never stored.
    const victim = { id: 9191, email: "squatted@example.jp" };
    await db().privacyRequest.create({
      data: { shop: SHOP, reference: "PD-2026-09191", type: "deletion", source: "staff_phone", customerName: "被害 者", email: victim.email, shopifyCustomerId: String(victim.id), dueAt: new Date(Date.now() + 86_400_000) },
    });
    const captured = { topic: "customers/data_request", shop: SHOP, payload: compliancePayloads.dataRequest(SHOP, { id: 9292, email: "someone.else@example.jp" }) };
    expect((await deliver(app, { ...captured, webhookId: "squatted-id" })).status).toBe(200);
    const real = await deliver(app, { topic: "customers/redact", shop: SHOP, webhookId: "squatted-id", payload: compliancePayloads.customerRedact(SHOP, victim) });
    expect(real.status).toBe(200);
    await waitForInbox(db());
    // The key tells the bodies apart by a digest of Shopify's signature, which is not stored.
    expect(JSON.stringify(await db().webhookEvent.findMany())).not.toContain(real.signed.headers["X-Shopify-Hmac-Sha256"]);
    expect(await db().privacyRequest.findFirst({ where: { shop: SHOP, reference: "PD-2026-09191" }, select: { redacted: true, email: true } })).toEqual({ redacted: true, email: "" });
    // Shopify's own retry of the real delivery is still one delivery.
    expect((await deliver(app, { topic: "customers/redact", shop: SHOP, webhookId: "squatted-id", payload: compliancePayloads.customerRedact(SHOP, victim) })).status).toBe(200);
    await waitForInbox(db());
    expect(await db().erasureReceipt.count({ where: { kind: "customer_redact", subjectHash: customerHash(SHOP, String(victim.id)) } })).toBe(1);
  });
});
