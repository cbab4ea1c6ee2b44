// Issue 15 point 3: a claimed batch's customers/data_request and consent updates of one shop take
// effect through one set of statements (their batch forms), and write exactly the rows that
// handling each event on its own writes: the same requests, numbered alike, the same timeline,
// notices and Flow triggers, the same ledger rows, the same duplicates and erased people skipped.
// Each scenario runs twice, on two databases of the same kind: event by event (processEvent, the
// per-event handler in its own transaction) and as the worker runs a claimed batch (processClaimed);
// the rows of both are compared once ids, random tokens and insert times are taken out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { claimEvents, processBatch, processClaimed, processEvent, singleRuns, type ClaimedEvent } from "../../../app/privacy/webhooks/worker";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { customerHash, emailSubjectHash, shopHash } from "../../../app/privacy/keyedHash";
import "../../../app/privacy/webhooks/lifecycleHandlers";
import "../../../app/privacy/webhooks/dataRequestHandler";
import "../../../app/privacy/consent/consentWebhooks";

const SHOP = "batched-events.myshopify.com";
const OTHER_SHOP = "batched-other.myshopify.com";
const CONSENT = "customers_email_marketing_consent/update";
const ERASED_AT = new Date("2026-11-20T00:00:00Z");

interface Delivery {
  shop?: string;
  topic: string;
  payload: unknown;
}

const dataRequest = (shop: string, customer: { id?: number; email?: string | null; phone?: string | null }, requestId: number, orders: number[] = []) => ({
  shop_id: 1,
  shop_domain: shop,
  customer: { id: customer.id ?? null, email: customer.email ?? null, phone: customer.phone ?? null },
  orders_requested: orders,
  data_request: { id: requestId },
});
const consent = (customer: { id?: number; email?: string }, state: string, updatedAt: string) => ({
  ...(customer.id ? { customer_id: customer.id } : {}),
  ...(customer.email ? { email_address: customer.email } : {}),
  email_marketing_consent: { state, opt_in_level: "single_opt_in", consent_updated_at: updatedAt },
});

/** The mixed batch of the scenario: what each rule has to get right, in the order received. */
function deliveries(): Delivery[] {
  return [
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 1, email: "One@Example.jp" }, 101, [11, 12]) },
    { topic: CONSENT, payload: consent({ id: 1, email: "one@example.jp" }, "subscribed", "2026-11-30T10:00:00Z") },
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 2, email: "two@example.jp", phone: "call me" }, 102) },
    // Shopify sends data request 101 again under a new delivery id: nothing new.
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 1, email: "one@example.jp" }, 101, [11, 12]) },
    // Customer 9 was erased before: their replays bring nothing back.
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 9, email: "nine@example.jp" }, 109) },
    { topic: CONSENT, payload: consent({ id: 9 }, "subscribed", "2026-11-30T10:00:00Z") },
    // Known only by email, erased on ERASED_AT: a change from before stays erased, a later one counts.
    { topic: CONSENT, payload: consent({ email: "mail-only@example.jp" }, "subscribed", "2026-11-10T10:00:00Z") },
    { topic: CONSENT, payload: consent({ email: "mail-only@example.jp" }, "unsubscribed", "2026-11-29T10:00:00Z") },
    { topic: "customers/data_request", payload: dataRequest(SHOP, { email: "mail-only@example.jp" }, 110) },
    // An email that is none: the customer id identifies the request, opened without it.
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 3, email: "not an email" }, 103) },
    { shop: OTHER_SHOP, topic: "customers/data_request", payload: dataRequest(OTHER_SHOP, { id: 1, email: "one@example.jp" }, 101) },
    { topic: CONSENT, payload: consent({ id: 2 }, "pending", "2026-11-30T10:00:00Z") },
    { topic: CONSENT, payload: consent({ id: 2 }, "unsubscribed", "2026-11-30T11:00:00Z") },
    // The same consent update replayed under a new webhook id: one fact, recorded once.
    { topic: CONSENT, payload: consent({ id: 1, email: "one@example.jp" }, "subscribed", "2026-11-30T10:00:00Z") },
    // The same data request id twice in one batch: the first opens it, the second is a repeat.
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 4, email: "four@example.jp" }, 104) },
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 4, email: "four@example.jp" }, 104) },
    { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 5 }, 105) },
  ];
}

describe.each<DatabaseKind>(["sqlite", "postgres"])("batched data requests and consent updates on %s", (kind) => {
  let oneByOne: TestDatabase;
  let batched: TestDatabase;
  const statements: string[] = [];

  beforeAll(async () => {
    oneByOne = await createTestDatabase(kind, "events_one");
    batched = await createTestDatabase(kind, "events_batched", { onStatement: (sql) => statements.push(sql) });
  }, 60_000);
  afterAll(async () => {
    await oneByOne?.drop();
    await batched?.drop();
  });

  async function reset(database: TestDatabase) {
    const db = database.db;
    for (const table of ["webhookEvent", "requestEvent", "outboundMail", "flowTriggerEvent", "privacyRequest", "consentRecord", "erasureReceipt", "referenceCounter", "shopSettings"] as const) {
      await (db[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    // Staff notices and Flow on in one shop, off in the other: both ways of writing them are compared.
    await db.shopSettings.create({ data: { shop: SHOP, staffNotifyEmail: "staff@example.jp", businessName: "店舗", flowTriggersEnabled: true } });
    await db.shopSettings.create({ data: { shop: OTHER_SHOP, flowTriggersEnabled: false } });
    await db.referenceCounter.create({ data: { shop: SHOP, year: 2026, last: 41 } });
    await db.erasureReceipt.createMany({
      data: [
        { shopHash: shopHash(SHOP), kind: "customer_redact", subjectHash: customerHash(SHOP, "9"), outcome: "erased", performedAt: ERASED_AT },
        { shopHash: shopHash(SHOP), kind: "customer_redact", subjectHash: emailSubjectHash(SHOP, "mail-only@example.jp"), outcome: "erased", performedAt: ERASED_AT },
      ],
    });
  }

  async function enqueue(database: TestDatabase, rows: Delivery[]) {
    const at = Date.parse("2026-12-01T03:00:00Z");
    await database.db.webhookEvent.createMany({
      data: rows.map((row, i) => {
        const shop = row.shop ?? SHOP;
        return {
          deliveryKey: `k-${i}`,
          shop,
          topic: row.topic,
          payload: JSON.stringify(row.payload),
          subjectKey: deliverySubjectKey(shop, row.topic, row.payload),
          receivedAt: new Date(at + i * 1000),
          nextAttemptAt: new Date(at),
        };
      }),
    });
    return claimEvents(database.db, "w", new Date(), 100);
  }

  /** Everything the events wrote, in a form that compares: ids as references, no random or insert-time values. */
  async function written(database: TestDatabase) {
    const db = database.db;
    const requests = await db.privacyRequest.findMany({ orderBy: [{ shop: "asc" }, { reference: "asc" }] });
    const referenceOf = new Map(requests.map((request) => [request.id, `${request.shop}#${request.reference}`]));
    const named = (id: string | null) => (id ? (referenceOf.get(id) ?? "unknown") : null);
    const withoutIds = (text: string) => [...referenceOf].reduce((out, [id, reference]) => out.split(id).join(reference), text);
    const strip = <T extends Record<string, unknown>>(row: T, ...fields: string[]) =>
      Object.fromEntries(Object.entries(row).filter(([field]) => !["id", "createdAt", "updatedAt", ...fields].includes(field))) as T;
    return {
      requests: requests.map((request) => ({ ...strip(request, "statusTokenHash"), hasStatusToken: request.statusTokenHash !== null })),
      timeline: (await db.requestEvent.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] }))
        .map((row) => ({ ...strip(row, "at"), requestId: named(row.requestId), receivedAt: row.action === "received" ? row.at : null }))
        .sort((a, b) => `${a.requestId}${a.action}`.localeCompare(`${b.requestId}${b.action}`)),
      mails: (await db.outboundMail.findMany())
        .map((row) => ({ ...strip(row, "nextAttemptAt", "sealedLinks"), requestId: named(row.requestId), sealed: row.sealedLinks !== null }))
        .sort((a, b) => `${a.requestId}${a.kind}`.localeCompare(`${b.requestId}${b.kind}`)),
      flow: (await db.flowTriggerEvent.findMany())
        .map((row) => ({ ...strip(row, "nextAttemptAt"), requestId: named(row.requestId), eventKey: withoutIds(row.eventKey), payload: withoutIds(row.payload) }))
        .sort((a, b) => a.eventKey.localeCompare(b.eventKey)),
      consent: (await db.consentRecord.findMany({ orderBy: [{ choiceAt: "asc" }, { subjectKey: "asc" }] })).map((row) => strip(row, "recordedAt")),
      counters: await db.referenceCounter.findMany({ orderBy: [{ shop: "asc" }, { year: "asc" }] }),
      events: (await db.webhookEvent.findMany({ orderBy: { deliveryKey: "asc" }, select: { deliveryKey: true, status: true, payload: true, attempts: true, lastError: true } })),
    };
  }

  it("writes what handling each event on its own writes", async () => {
    await reset(oneByOne);
    await reset(batched);
    for (const event of await enqueue(oneByOne, deliveries())) await processEvent(oneByOne.db, "w", event);
    const claimed = await enqueue(batched, deliveries());
    statements.length = 0;
    const results = await processClaimed(batched.db, "w", claimed);
    expect(results.map(({ result }) => result)).toEqual(claimed.map(() => ({ outcome: "done" })));
    // Through the batch forms: one transaction for the data requests, one for the consent updates.
    expect(statements.filter((sql) => /^\s*COMMIT\b/i.test(sql)).length).toBe(2);

    const expected = await written(oneByOne);
    const actual = await written(batched);
    expect(actual).toEqual(expected);
    // What the comparison covers: the requests opened, numbered in the order received.
    expect(expected.requests.map((request) => `${request.shop}#${request.reference}:${request.shopifyDataRequestId}:${request.email}`)).toEqual([
      `${SHOP}#PD-2026-00042:101:one@example.jp`,
      `${SHOP}#PD-2026-00043:102:two@example.jp`,
      `${SHOP}#PD-2026-00044:103:`,
      `${SHOP}#PD-2026-00045:104:four@example.jp`,
      `${SHOP}#PD-2026-00046:105:`,
      `${OTHER_SHOP}#PD-2026-00001:101:one@example.jp`,
    ]);
    expect(expected.consent.map((row) => `${row.granted}`)).toEqual(["false", "true", "false"]);
    expect(expected.mails.length).toBeGreaterThan(0);
    expect(expected.flow.length).toBeGreaterThan(0);
  });

  it("takes the data requests and the consent updates of a batch in one transaction, whatever their number", async () => {
    const commitsAndStatements = async (count: number) => {
      await reset(batched);
      const rows = Array.from({ length: count }, (_, i): Delivery[] => [
        { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 500 + i, email: `c${500 + i}@example.jp` }, 5_000 + i) },
        { topic: CONSENT, payload: consent({ id: 500 + i }, "subscribed", "2026-11-30T10:00:00Z") },
      ]).flat();
      const claimed = await enqueue(batched, rows);
      statements.length = 0;
      const results = await processClaimed(batched.db, "w", claimed);
      expect(results.map(({ result }) => result.outcome)).toEqual(claimed.map(() => "done"));
      expect(await batched.db.privacyRequest.count({ where: { shop: SHOP } })).toBe(count);
      expect(await batched.db.consentRecord.count({ where: { shop: SHOP } })).toBe(count);
      return { commits: statements.filter((sql) => /^\s*COMMIT\b/i.test(sql)).length, statements: statements.length };
    };
    const few = await commitsAndStatements(2);
    const many = await commitsAndStatements(20);
    expect(many).toEqual(few);
    // One transaction for each topic's events here (the pace allows it).
    expect(many.commits).toBe(2);
  });

  it("keeps topics without a batch form in their place, and each shop's events of a topic in the order received", () => {
    const event = (topic: string, shop: string, id: string): ClaimedEvent => ({ id, shop, topic, payload: "{}", attempts: 1, receivedAt: new Date() });
    const runs = singleRuns([
      event("customers/data_request", SHOP, "a"),
      event(CONSENT, SHOP, "b"),
      event("customers/data_request", OTHER_SHOP, "c"),
      event("customers/data_request", SHOP, "d"),
      event("app/uninstalled", OTHER_SHOP, "e"),
      event("app/scopes_update", SHOP, "f"),
      event(CONSENT, OTHER_SHOP, "g"),
    ]);
    const ids = runs.map((run) => ("inOrder" in run ? { inOrder: run.inOrder.map((e) => e.id) } : { byTopic: run.byTopic.map((group) => group.map((e) => e.id)) }));
    expect(ids).toEqual([{ byTopic: [["a", "d", "c"], ["b"]] }, { inOrder: ["e", "f"] }, { byTopic: [["g"]] }]);
  });

  it("gives each event of a failing batch its own outcome", async () => {
    await reset(batched);
    const claimed = await enqueue(batched, [
      { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 61, email: "a61@example.jp" }, 610) },
      { topic: "customers/data_request", payload: { shop_domain: SHOP, customer: { email: "not an email" }, orders_requested: [] } },
      { topic: "customers/data_request", payload: dataRequest(SHOP, { id: 62, email: "a62@example.jp" }, 620) },
    ]);
    const results = await processBatch(batched.db, "w", claimed);
    expect(results.map(({ result }) => result.outcome)).toEqual(["done", "retry", "done"]);
    const references = (await batched.db.privacyRequest.findMany({ where: { shop: SHOP }, orderBy: { reference: "asc" } })).map((r) => [r.reference, r.shopifyDataRequestId]);
    expect(references).toEqual([
      ["PD-2026-00042", "610"],
      ["PD-2026-00043", "620"],
    ]);
  });
});
