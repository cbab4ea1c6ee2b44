// customers/data_request, customers/redact and shop/redact end to end through the built server,
// proving what remains in the database files afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "#prisma/sqlite";
import { createTestDatabase, currentDatabaseKind, databaseText, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { compliancePayloads } from "../support/webhooks";
import { mintSessionToken } from "../support/sessionToken";
import { customerHash, emailSubjectHash } from "../../app/privacy/keyedHash";
import { shopScopedModels } from "../../app/privacy/erasure";
import type { Db } from "../../app/db.factory";
import { deliver, waitForInbox, waitForProcessedLog } from "./webhooks.helpers";

const SHOP = "erasure-shop.myshopify.com";
const OTHER = "erasure-other.myshopify.com";
const REPLAY_SHOP = "erasure-replay.myshopify.com";
const HANAKO = { id: 8800112233, email: "hanako.yamada@example.jp", phone: "+81 90 4321 8765", name: "山田 花子" };
const TARO = { id: 8800445566, email: "taro.suzuki@example.jp", phone: "+81 80 1111 2222", name: "鈴木 太郎" };

process.env.SHOPIFY_API_SECRET ??= TEST_API_SECRET;

async function seedCustomer(db: Db, shop: string, person: typeof HANAKO) {
  const request = await db.privacyRequest.create({
    data: {
      shop,
      reference: `PD-2026-${String(person.id).slice(-5)}`,
      type: "correction",
      source: "staff_phone",
      customerName: person.name,
      email: person.email.toUpperCase(),
      phone: person.phone,
      message: `${person.name} asked by phone to fix the address`,
      shopifyCustomerId: String(person.id),
      dueAt: new Date(Date.now() + 86_400_000),
      timeline: { create: { shop, actor: "staff", action: "note_added", detail: JSON.stringify({ note: `called ${person.phone}` }) } },
    },
  });
  await db.consentRecord.createMany({
    data: [
      { shop, subjectKey: `customer:${person.id}`, shopifyCustomerId: String(person.id), kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt: new Date() },
      { shop, subjectKey: `email:${emailSubjectHash(shop, person.email)}`, kind: "policy", granted: true, source: "storefront_form", choiceAt: new Date(), evidence: person.email },
    ],
  });
  await db.formSubmission.create({ data: { shop, fingerprint: `fp-${person.id}`, requestId: request.id, subjectHash: emailSubjectHash(shop, person.email) } });
  await db.outboundMail.create({ data: { shop, requestId: request.id, kind: "ack", toAddress: person.email, subject: "受付", body: `${person.name} 様` } });
  await db.job.create({ data: { shop, kind: "disclosure_package", requestId: request.id, input: JSON.stringify({ customerId: person.id }), result: person.name } });
  // Audit entries carry ids and counts, never the person (records/audit.ts); erasure leaves them as they are.
  await db.auditEntry.create({ data: { shop, actor: "staff", action: "records.provision.disclosed", detail: JSON.stringify({ requestId: request.id, records: 1, format: "csv" }) } });
  return request;
}

const traces = (text: string, person: typeof HANAKO) =>
  [person.email, person.email.toUpperCase(), person.phone, person.name, String(person.id)].filter((needle) => text.includes(needle));

describe(`compliance effects on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "erasure");
    app = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
    await db().session.createMany({
      data: [
        { id: `offline_${SHOP}`, shop: SHOP, state: "", accessToken: "shpat_test", scope: "read_customers" },
        { id: `offline_${OTHER}`, shop: OTHER, state: "", accessToken: "shpat_other", scope: "read_customers" },
      ],
    });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const download = (shop: string, customerId: number | string, format: string) =>
    fetch(`${app.url}/app/customer-data/${customerId}?format=${format}`, {
      headers: { Authorization: `Bearer ${mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET })}`, "User-Agent": BROWSER_UA },
    });

  // Issue 11, point 8: a replay after the erasure (new webhook id, the same data request, older
  // consent) brings nothing back; the anonymised receipt recognises the customer.
  it("customers/data_request opens a disclosure request from Shopify, once, and the merchant can download the customer's data", async () => {
    const payload = compliancePayloads.dataRequest(SHOP, HANAKO, [5001, 5002]);
    expect((await deliver(app, { topic: "customers/data_request", shop: SHOP, payload })).status).toBe(200);
    // The same data request under a new delivery id opens nothing new.
    expect((await deliver(app, { topic: "customers/data_request", shop: SHOP, payload })).status).toBe(200);
    await waitForInbox(db(), 2);
    const requests = await db().privacyRequest.findMany({ where: { shop: SHOP, source: "shopify" } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      type: "disclosure",
      status: "received",
      shopifyCustomerId: String(HANAKO.id),
      shopifyDataRequestId: String(payload.data_request.id),
      email: HANAKO.email,
    });
    expect(JSON.parse(requests[0].ordersRequested)).toEqual(["5001", "5002"]);
    expect(requests[0].dueAt.getTime()).toBeGreaterThan(requests[0].receivedAt.getTime());
    expect((await db().webhookEvent.findMany()).every((e) => e.payload === "")).toBe(true);

    await seedCustomer(db(), SHOP, HANAKO);
    const json = await download(SHOP, HANAKO.id, "json");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toContain(`attachment; filename="customer-${HANAKO.id}-data.json"`);
    const data = await json.json();
    expect(data.requests).toHaveLength(2);
    expect(data.requests.some((r: { timeline: unknown[] }) => r.timeline.length > 0)).toBe(true);
    expect(data.requests.flatMap((r: { messages: unknown[] }) => r.messages).length).toBeGreaterThan(0);
    expect(data.consentRecords).toHaveLength(2);
    expect(data.formSubmissions).toHaveLength(1);

    const csv = await download(SHOP, HANAKO.id, "csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("section,record_id,field,value");
    expect(text).toContain(HANAKO.name);
    expect(text).toContain("consent_record");

    // Scoped to the session's shop: another shop sees nothing of this customer.
    expect((await download(OTHER, HANAKO.id, "json")).status).toBe(404);
    expect((await download(SHOP, HANAKO.id, "xml")).status).toBe(400);
  });

  it("customers/redact leaves no trace of the customer's email, phone, name or id, and keeps a receipt", async () => {
    await seedCustomer(db(), SHOP, TARO);
    await seedCustomer(db(), OTHER, HANAKO);
    const redact = compliancePayloads.customerRedact(SHOP, HANAKO, [5001]);
    expect((await deliver(app, { topic: "customers/redact", shop: SHOP, payload: redact })).status).toBe(200);
    await waitForInbox(db());

    const requests = await db().privacyRequest.findMany({ where: { shop: SHOP, redacted: true }, include: { timeline: true } });
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.status).toBe("completed");
      expect(request.timeline.some((e) => e.action === "completed" && e.actor === "shopify")).toBe(true);
    }
    const receipt = await db().erasureReceipt.findFirst({ where: { kind: "customer_redact", subjectHash: customerHash(SHOP, String(HANAKO.id)) } });
    expect(receipt?.outcome).toBe("erased");

    // The same person in another shop, and another customer of this shop, are untouched.
    expect(await db().privacyRequest.count({ where: { shop: OTHER, email: HANAKO.email.toUpperCase() } })).toBe(1);
    expect(await db().consentRecord.count({ where: { shop: SHOP, shopifyCustomerId: String(TARO.id) } })).toBe(1);
    expect(await db().outboundMail.count({ where: { shop: SHOP, toAddress: TARO.email } })).toBe(1);

    // Now erase the other shop's copy too, so that no row anywhere may still hold her data.
    expect((await deliver(app, { topic: "customers/redact", shop: OTHER, payload: compliancePayloads.customerRedact(OTHER, HANAKO) })).status).toBe(200);
    await waitForInbox(db());
    await waitForProcessedLog(app, "customers/redact", 2);
    const all = await databaseText(database);
    expect(traces(all, HANAKO)).toEqual([]);
    expect(traces(all, TARO).length).toBeGreaterThan(0);
  });

  it("shop/redact removes every row of that shop in every model with a shop column, and nothing of another shop", async () => {
    // One row of each shop in each shop-scoped model, built from the schema so new models are covered.
    const models = Prisma.dmmf.datamodel.models;
    for (const shop of [SHOP, OTHER]) {
      await db().shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
      for (const name of shopScopedModels()) {
        const delegate = (db() as unknown as Record<string, { count(a: object): Promise<number>; create(a: object): Promise<unknown> }>)[
          name.charAt(0).toLowerCase() + name.slice(1)
        ];
        if ((await delegate.count({ where: { shop } })) > 0) continue;
        const model = models.find((m) => m.name === name)!;
        if (model.fields.some((f) => f.kind === "object")) continue;
        // The generated client's runtime schema knows names and types only: fill every scalar field.
        const data: Record<string, unknown> = {};
        for (const field of model.fields) {
          if (field.kind !== "scalar") continue;
          const text = `${name}-seed-${Math.random().toString(36).slice(2)}`;
          data[field.name] = field.name === "shop" ? shop : field.type === "Int" ? 1 : field.type === "Boolean" ? false : field.type === "DateTime" ? new Date() : field.type === "BigInt" ? 1n : text;
        }
        await delegate.create({ data }).catch((error: Error) => {
          throw new Error(`could not seed ${name}: ${error.message.split("\n").slice(-2).join(" ")} ${JSON.stringify(Object.keys(data))}`);
        });
      }
    }
    const count = async (shop: string) => {
      const counts: Record<string, number> = {};
      for (const name of shopScopedModels()) {
        const delegate = (db() as unknown as Record<string, { count(a: object): Promise<number> }>)[name.charAt(0).toLowerCase() + name.slice(1)];
        counts[name] = await delegate.count({ where: { shop } });
      }
      counts.Shop = await db().shop.count({ where: { domain: shop } });
      return counts;
    };
    // shop/redact follows app/uninstalled, which deletes the sessions: a shop that still holds an
    // offline one has the app installed and is not erased (webhooks-replay.test.ts). An online
    // session stands here for every row the erasure must remove.
    await db().session.updateMany({ where: { shop: SHOP }, data: { isOnline: true } });
    const before = await count(SHOP);
    expect(Object.entries(before).filter(([, n]) => n === 0), "every shop-scoped model must be seeded for this test").toEqual([]);
    const otherBefore = await count(OTHER);

    expect((await deliver(app, { topic: "shop/redact", shop: SHOP, payload: compliancePayloads.shopRedact(SHOP) })).status).toBe(200);
    await waitForInbox(db());
    await waitForProcessedLog(app, "shop/redact", 1);

    const after = await count(SHOP);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await count(OTHER)).toEqual(otherBefore);
    expect(await db().erasureReceipt.count({ where: { kind: "shop_redact" } })).toBe(1);
    expect((await databaseText(database)).includes(SHOP)).toBe(false);
  });

  it("brings nothing back when earlier deliveries about an erased customer are replayed", async () => {
    const KENJI = { id: 8800778899, email: "kenji.replay@example.jp", phone: "+81 90 5555 0000" };
    const request = compliancePayloads.dataRequest(REPLAY_SHOP, KENJI);
    const consentAt = new Date(Date.now() - 60_000).toISOString();
    const consent = { customer_id: KENJI.id, email_address: KENJI.email, email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: consentAt } };
    expect((await deliver(app, { topic: "customers/data_request", shop: REPLAY_SHOP, payload: request })).status).toBe(200);
    expect((await deliver(app, { topic: "customers_email_marketing_consent/update", shop: REPLAY_SHOP, payload: consent })).status).toBe(200);
    await waitForInbox(db());
    expect(await db().privacyRequest.count({ where: { shop: REPLAY_SHOP, shopifyCustomerId: String(KENJI.id) } })).toBe(1);
    expect((await deliver(app, { topic: "customers/redact", shop: REPLAY_SHOP, payload: compliancePayloads.customerRedact(REPLAY_SHOP, KENJI) })).status).toBe(200);
    await waitForInbox(db());
    const traces = async () => ({
      requests: await db().privacyRequest.count({ where: { shop: REPLAY_SHOP, OR: [{ shopifyCustomerId: String(KENJI.id) }, { email: KENJI.email }] } }),
      consent: await db().consentRecord.count({ where: { shop: REPLAY_SHOP, shopifyCustomerId: String(KENJI.id) } }),
    });
    expect(await traces()).toEqual({ requests: 0, consent: 0 });

    // The same deliveries again, each under a new webhook id.
    expect((await deliver(app, { topic: "customers/data_request", shop: REPLAY_SHOP, payload: request })).status).toBe(200);
    expect((await deliver(app, { topic: "customers_email_marketing_consent/update", shop: REPLAY_SHOP, payload: consent })).status).toBe(200);
    expect((await deliver(app, { topic: "customers_email_marketing_consent/update", shop: REPLAY_SHOP, payload: { ...consent, email_marketing_consent: { ...consent.email_marketing_consent, consent_updated_at: null } } })).status).toBe(200);
    await waitForInbox(db());
    expect(await traces()).toEqual({ requests: 0, consent: 0 });
    expect(await db().privacyRequest.count({ where: { shop: REPLAY_SHOP, email: KENJI.email } })).toBe(0);
    // The receipt stays anonymous: no email, no id in it.
    const receipts = JSON.stringify(await db().erasureReceipt.findMany());
    expect(receipts).not.toContain(KENJI.email);
    expect(receipts).not.toContain(String(KENJI.id));
  });
});
