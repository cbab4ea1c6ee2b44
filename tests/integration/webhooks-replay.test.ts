// Captured deliveries replayed at the built server (docs/security.md, "Webhook path under attack").
// Shopify's signature covers the body only: X-Shopify-Webhook-Id, X-Shopify-Triggered-At and the
// other headers can be rewritten by whoever holds a delivery, so a replay is recognised by what the
// body says and by the state it meets, never by a header.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { compliancePayloads } from "../support/webhooks";
import { deliver, waitForInbox, waitForProcessedLog } from "./webhooks.helpers";
import { customerHash } from "../../app/privacy/keyedHash";

const SHOP = "replay-shop.myshopify.com";
const OTHER = "replay-other.myshopify.com";

process.env.SHOPIFY_API_SECRET ??= TEST_API_SECRET;

describe(`replayed deliveries on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "replay");
    app = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const seedRequest = (shop: string, reference: string) =>
    db().privacyRequest.create({
      data: { shop, reference, type: "disclosure", source: "staff_phone", customerName: "山田 花子", email: "hanako@example.jp", dueAt: new Date(Date.now() + 86_400_000) },
    });

  it("a shop/redact replayed while the shop has the app installed erases nothing; after app/uninstalled it erases the shop", async () => {
    await db().session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", accessToken: "shpat_replay", scope: "read_customers" } });
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

    // Shopify's own order: app/uninstalled deletes the sessions, shop/redact follows 48 h later.
    const uninstalled = { id: 1, name: "Replay Shop", myshopify_domain: SHOP, domain: SHOP };
    expect((await deliver(app, { topic: "app/uninstalled", shop: SHOP, payload: uninstalled })).status).toBe(200);
    await waitForInbox(db(), 2);
    expect((await deliver(app, { topic: "shop/redact", shop: SHOP, payload: captured })).status).toBe(200);
    await waitForProcessedLog(app, "shop/redact", 2);
    expect(await db().privacyRequest.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().consentRecord.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().erasureReceipt.count({ where: { kind: "shop_redact", outcome: "erased" } })).toBe(1);
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
