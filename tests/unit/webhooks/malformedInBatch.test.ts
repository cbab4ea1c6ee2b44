// One malformed delivery among a shop's data requests, consent updates or redacts fails on its own:
// each event is parsed and checked before the batch's transaction, so the others still commit in
// one transaction (one call of the batch form, no fallback to one by one) and the malformed one
// gets its own outcome and error kind, as it would have handled alone.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { claimEvents, processBatch, type BatchFallback, type ClaimedEvent } from "../../../app/privacy/webhooks/worker";
import { topicHandler, type BatchTopicHandler } from "../../../app/privacy/webhooks/topicHandlers";
import "../../../app/privacy/webhooks/lifecycleHandlers";
import "../../../app/privacy/webhooks/dataRequestHandler";
import "../../../app/privacy/consent/consentWebhooks";

const SHOP = "malformed-batch.myshopify.com";
const CONSENT = "customers_email_marketing_consent/update";

const dataRequest = (id: number) => ({ shop_domain: SHOP, customer: { id, email: `c${id}@example.jp` }, orders_requested: [], data_request: { id: id * 10 } });
const consent = (customerId: number) => ({
  customer_id: customerId,
  email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-11-30T10:00:00Z" },
});
const redact = (id: number) => ({ shop_domain: SHOP, customer: { id, email: `r${id}@example.jp` }, orders_to_redact: [] });

interface Scenario {
  topic: string;
  /** Payloads in the order received; a string is stored as it is (not JSON). */
  payloads: unknown[];
  /** Which of them are malformed. */
  malformed: number[];
  /** What the valid ones wrote. */
  written: (database: TestDatabase) => Promise<number>;
}

const scenarios: Record<string, Scenario> = {
  "customers/data_request": {
    topic: "customers/data_request",
    payloads: [
      dataRequest(801),
      // Nothing identifies the customer: the request cannot be opened.
      { shop_domain: SHOP, customer: { email: "not an email" }, orders_requested: [], data_request: { id: 8_020 } },
      dataRequest(803),
      "{ not json",
      { shop_domain: SHOP, orders_requested: [] },
      dataRequest(806),
    ],
    malformed: [1, 3, 4],
    written: (database) => database.db.privacyRequest.count({ where: { shop: SHOP } }),
  },
  [CONSENT]: {
    topic: CONSENT,
    payloads: [
      consent(901),
      // An email address that is none, and no customer id: the ledger refuses it.
      { email_address: "not an email", email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in" } },
      consent(903),
    ],
    malformed: [1],
    written: (database) => database.db.consentRecord.count({ where: { shop: SHOP } }),
  },
  "customers/redact": {
    topic: "customers/redact",
    payloads: [redact(1001), { shop_domain: SHOP, customer: {} }, redact(1003), { shop_domain: SHOP }],
    malformed: [1, 3],
    written: (database) => database.db.erasureReceipt.count({ where: { kind: "customer_redact" } }),
  },
};

const spyOnBatch = (topic: string) => vi.spyOn(topicHandler(topic)!.options as { batch: BatchTopicHandler }, "batch");

describe.each<DatabaseKind>(["sqlite", "postgres"])("a malformed event in a shop's batch on %s", (kind) => {
  let database: TestDatabase;
  let sequence = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "malformed_batch");
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const table of ["webhookEvent", "privacyRequest", "requestEvent", "outboundMail", "consentRecord", "erasureReceipt"] as const) {
      await (database.db[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
  });

  async function enqueue(topic: string, payloads: unknown[], shopOf: (index: number) => string = () => SHOP): Promise<ClaimedEvent[]> {
    const at = Date.parse("2026-12-01T03:00:00Z");
    await database.db.webhookEvent.createMany({
      data: payloads.map((payload, i) => ({
        deliveryKey: `malformed-${sequence++}`,
        shop: shopOf(i),
        topic,
        payload: typeof payload === "string" ? payload : JSON.stringify(payload),
        receivedAt: new Date(at + i * 1000),
        nextAttemptAt: new Date(at),
      })),
    });
    return claimEvents(database.db, "w", new Date(), 100);
  }

  it.each(Object.keys(scenarios))("%s: fails alone, the rest commit in one transaction", async (name) => {
    const { topic, payloads, malformed, written } = scenarios[name];
    const claimed = await enqueue(topic, payloads);
    const batch = spyOnBatch(topic);
    const fallbacks: BatchFallback[] = [];
    const results = await processBatch(database.db, "w", claimed, undefined, undefined, undefined, (fallback) => fallbacks.push(fallback));

    expect(results.map(({ event }) => event.id)).toEqual(claimed.map((event) => event.id));
    expect(results.map(({ result }) => result.outcome)).toEqual(payloads.map((_, i) => (malformed.includes(i) ? "retry" : "done")));
    expect(fallbacks).toEqual([]);
    // The valid events, together, once.
    expect(batch).toHaveBeenCalledTimes(1);
    expect(batch.mock.calls[0][1]).toHaveLength(payloads.length - malformed.length);
    expect(await written(database)).toBe(payloads.length - malformed.length);

    const rows = await database.db.webhookEvent.findMany({ where: { id: { in: claimed.map((event) => event.id) } }, select: { id: true, status: true, lastError: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    claimed.forEach((event, i) => {
      const row = byId.get(event.id)!;
      if (malformed.includes(i)) {
        expect(row.status).toBe("pending");
        // The error's kind, never its message.
        expect(row.lastError).toMatch(/^[A-Za-z]+(:[A-Za-z0-9_]+)?$/);
      } else expect(row).toMatchObject({ status: "done", lastError: null });
    });
  });

  it("leaves out a shop whose every event is malformed, and commits the other shops' events together", async () => {
    const other = "malformed-other.myshopify.com";
    const claimed = await enqueue("customers/data_request", [dataRequest(811), { shop_domain: other, orders_requested: [] }, dataRequest(813)], (i) => (i === 1 ? other : SHOP));
    const batch = spyOnBatch("customers/data_request");
    const fallbacks: BatchFallback[] = [];
    const results = await processBatch(database.db, "w", claimed, undefined, undefined, undefined, (fallback) => fallbacks.push(fallback));
    // Each shop's events come back together (shopGroups), so compared by event.
    const outcome = new Map(results.map(({ event, result }) => [event.id, result.outcome]));
    expect(claimed.map((event) => outcome.get(event.id))).toEqual(["done", "retry", "done"]);
    expect(fallbacks).toEqual([]);
    expect(batch.mock.calls.map(([, events]) => events.map((event) => event.shop))).toEqual([[SHOP, SHOP]]);
  });
});
