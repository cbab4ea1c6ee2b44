// Shopify Flow triggers from the desk's changes to Flow: queued in the change's own transaction,
// once per event, and sent with flowTriggerReceive to the Admin API stand-in (which checks each
// call against the triggers the extensions declare), with retries, per shop, and only while the
// shop's switch is on. Run on SQLite and on PostgreSQL by scripts/test-all.mjs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, OTHER_SHOP } from "../../support/fixtures";
import { AdminApiError, type AdminGraphql } from "../../../app/privacy/adminApi";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { changeRequestStatus, completeRequest, refuseRequest, withdrawRequest } from "../../../app/privacy/requests/lifecycle";
import { queueDueSoonNotices } from "../../../app/privacy/requests/dueSoon";
import { deliverDueFlowTriggers, flowTriggerLog, MAX_FLOW_ATTEMPTS, purgeSettledFlowTriggers } from "../../../app/privacy/flow/flowOutbox";
import { eraseCustomer } from "../../../app/privacy/erasure";

const DAY = 24 * 60 * 60 * 1000;
// Erasure matches subjects by keyed hash.
process.env.PRIVACY_DESK_HASH_KEY ??= "flow-outbox-hash-key";

describe(`the Flow outbox on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  const adminFor = async (shop: string) => standIn.client(shop);

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "flow");
    standIn = await startAdminApiStandIn();
  });
  afterAll(async () => {
    await standIn?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.flowTriggerEvent.deleteMany({});
    for (const shop of standIn.state.shops.values()) shop.flowTriggers.length = 0;
  });

  const newRequest = (shop: string, extra: Record<string, unknown> = {}) =>
    createPrivacyRequest(
      database.db,
      { shop, type: "disclosure", source: "storefront", email: "hanako@example.jp", customerName: "山田 花子", message: "私のデータを見せてください", ...extra },
      "storefront",
    );

  it("queues 'received' with the request, sends it once, and Flow gets the declared fields without the shopper's words", async () => {
    const request = await newRequest(DEMO_SHOP, { shopifyCustomerId: String(BUSY_CUSTOMER_ID) });
    const queued = await database.db.flowTriggerEvent.findMany({ where: { shop: DEMO_SHOP } });
    expect(queued.map((row) => [row.trigger, row.status, row.requestId])).toEqual([["received", "pending", request.id]]);

    expect(await deliverDueFlowTriggers(database.db, adminFor)).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(await deliverDueFlowTriggers(database.db, adminFor)).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    const received = standIn.state.shop(DEMO_SHOP).flowTriggers;
    expect(received).toHaveLength(1);
    expect(received[0].handle).toBe("privacy-request-received");
    expect(received[0].payload).toMatchObject({
      Reference: request.reference,
      "Request type": "disclosure",
      "Request status": "received",
      "Due date": request.dueAt.toISOString(),
      "Customer linked": true,
      customer_id: BUSY_CUSTOMER_ID,
    });
    const wire = JSON.stringify(received[0].payload);
    for (const secret of ["山田", "hanako", "データ"]) expect(wire).not.toContain(secret);
    expect(standIn.calls.at(-1)?.operationName).toBe("PrivacyDeskFlowTrigger");
    const [log] = await flowTriggerLog(database.db, DEMO_SHOP);
    expect(log).toMatchObject({ trigger: "received", status: "sent", attempts: 1, lastError: null });
  });

  it("queues 'closed' once for each way a request closes, and 'due soon' once however often the check runs", async () => {
    const completed = await newRequest(DEMO_SHOP);
    await database.db.privacyRequest.update({ where: { id: completed.id }, data: { identityStatus: "verified" } });
    await changeRequestStatus(database.db, DEMO_SHOP, completed.id, "in_progress", "staff:1");
    await completeRequest(database.db, DEMO_SHOP, completed.id, "staff:1");
    const refused = await newRequest(DEMO_SHOP);
    await refuseRequest(database.db, DEMO_SHOP, refused.id, "staff:1", { ground: "identity_not_confirmed", explanation: "ご本人確認ができませんでした。" });
    const withdrawn = await newRequest(DEMO_SHOP);
    await withdrawRequest(database.db, DEMO_SHOP, withdrawn.id, "staff:1");

    const dueSoon = await newRequest(DEMO_SHOP, { receivedAt: new Date(Date.now() - 12 * DAY) });
    expect(await queueDueSoonNotices(database.db)).toBeGreaterThanOrEqual(1);
    await queueDueSoonNotices(database.db);

    const rows = await database.db.flowTriggerEvent.findMany({ where: { shop: DEMO_SHOP }, orderBy: { createdAt: "asc" } });
    const triggersOf = (id: string) => rows.filter((row) => row.requestId === id).map((row) => row.trigger);
    expect(triggersOf(completed.id)).toEqual(["received", "closed"]);
    expect(triggersOf(refused.id)).toEqual(["received", "closed"]);
    expect(triggersOf(withdrawn.id)).toEqual(["received", "closed"]);
    expect(triggersOf(dueSoon.id)).toEqual(["received", "due_soon"]);

    const report = await deliverDueFlowTriggers(database.db, adminFor);
    expect(report).toMatchObject({ sent: rows.length, failed: 0 });
    const statuses = standIn.state
      .shop(DEMO_SHOP)
      .flowTriggers.filter((trigger) => trigger.handle === "privacy-request-closed")
      .map((trigger) => trigger.payload["Request status"])
      .sort();
    expect(statuses).toEqual(["completed", "refused", "withdrawn"]);
    const due = standIn.state.shop(DEMO_SHOP).flowTriggers.find((trigger) => trigger.handle === "privacy-request-due-soon");
    expect(due?.payload.Reference).toBe(dueSoon.reference);
  });

  it("sends each shop's triggers to that shop's Flow only", async () => {
    await newRequest(DEMO_SHOP);
    const other = await newRequest(OTHER_SHOP);
    await deliverDueFlowTriggers(database.db, adminFor);
    expect(standIn.state.shop(OTHER_SHOP).flowTriggers.map((trigger) => trigger.payload.Reference)).toEqual([other.reference]);
    expect(standIn.state.shop(DEMO_SHOP).flowTriggers).toHaveLength(1);
    expect((await flowTriggerLog(database.db, OTHER_SHOP)).map((entry) => entry.requestId)).toEqual([other.id]);
  });

  it("queues nothing while the shop's switch is off, and skips what was queued before it was switched off; other shops go on", async () => {
    await database.db.shopSettings.upsert({ where: { shop: OTHER_SHOP }, create: { shop: OTHER_SHOP, flowTriggersEnabled: false }, update: { flowTriggersEnabled: false } });
    await newRequest(OTHER_SHOP);
    expect(await database.db.flowTriggerEvent.count({ where: { shop: OTHER_SHOP } })).toBe(0);
    // The switch is the shop's own: DEMO_SHOP, switched on, keeps queueing and sending.
    const demo = await newRequest(DEMO_SHOP);

    await database.db.shopSettings.update({ where: { shop: OTHER_SHOP }, data: { flowTriggersEnabled: true } });
    await newRequest(OTHER_SHOP);
    await database.db.shopSettings.update({ where: { shop: OTHER_SHOP }, data: { flowTriggersEnabled: false } });
    expect(await deliverDueFlowTriggers(database.db, adminFor)).toMatchObject({ sent: 1, skipped: 1 });
    expect(standIn.state.shop(OTHER_SHOP).flowTriggers).toEqual([]);
    expect(standIn.state.shop(DEMO_SHOP).flowTriggers.map((trigger) => trigger.payload.Reference)).toEqual([demo.reference]);
    await database.db.shopSettings.update({ where: { shop: OTHER_SHOP }, data: { flowTriggersEnabled: true } });
  });

  it("retries with backoff while Shopify fails, waits out throttling, and gives up after the last attempt", async () => {
    const request = await newRequest(DEMO_SHOP);
    let failures = 2;
    const flaky = async (shop: string): Promise<AdminGraphql> => {
      const client = standIn.client(shop);
      return async (query, variables) => {
        if (failures-- > 0) throw new AdminApiError("Shopify answered HTTP 503", "HTTP_503");
        return client(query, variables);
      };
    };
    let now = new Date();
    expect(await deliverDueFlowTriggers(database.db, flaky, { now })).toMatchObject({ retried: 1 });
    const waiting = await database.db.flowTriggerEvent.findFirstOrThrow({ where: { requestId: request.id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP_503" });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    // Not due yet: nothing is sent before the backoff has passed.
    expect(await deliverDueFlowTriggers(database.db, flaky, { now })).toMatchObject({ retried: 0, sent: 0 });
    now = new Date(waiting.nextAttemptAt.getTime() + 1);
    expect(await deliverDueFlowTriggers(database.db, flaky, { now })).toMatchObject({ retried: 1 });
    now = new Date(now.getTime() + 10 * 60 * 1000);
    // Throttled once (the bucket is empty): adminQuery waits as Shopify's throttle status says, then
    // sends. The stand-in's clock stands still, so only the wait refills its bucket.
    const clock = Date.now();
    const throttling = await startAdminApiStandIn({ now: () => clock });
    throttling.state.drain(DEMO_SHOP);
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      throttling.state.shop(DEMO_SHOP).bucket.available = 2000;
    };
    try {
      expect(await deliverDueFlowTriggers(database.db, async (shop) => throttling.client(shop), { now, query: { sleep } })).toMatchObject({ sent: 1 });
    } finally {
      await throttling.close();
    }
    expect(waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(await database.db.flowTriggerEvent.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({ status: "sent", attempts: 3 });

    const doomed = await newRequest(DEMO_SHOP);
    const down = async (): Promise<AdminGraphql> => async () => {
      throw new AdminApiError("Shopify answered HTTP 500", "HTTP_500");
    };
    for (let attempt = 0; attempt < MAX_FLOW_ATTEMPTS; attempt++) {
      await deliverDueFlowTriggers(database.db, down, { now });
      now = new Date(now.getTime() + 7 * 60 * 60 * 1000);
    }
    expect(await database.db.flowTriggerEvent.findFirstOrThrow({ where: { requestId: doomed.id } })).toMatchObject({ status: "failed", attempts: MAX_FLOW_ATTEMPTS });
  });

  it("takes up a trigger whose sender died mid-send once its lease runs out, and never sends a claimed one twice", async () => {
    const request = await newRequest(DEMO_SHOP);
    const row = await database.db.flowTriggerEvent.findFirstOrThrow({ where: { requestId: request.id } });
    await database.db.flowTriggerEvent.update({ where: { id: row.id }, data: { status: "sending", nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect(await deliverDueFlowTriggers(database.db, adminFor)).toMatchObject({ sent: 0 });
    expect(await deliverDueFlowTriggers(database.db, adminFor, { now: new Date(Date.now() + 3 * 60_000) })).toMatchObject({ sent: 1 });

    await newRequest(DEMO_SHOP);
    const [first, second] = await Promise.all([deliverDueFlowTriggers(database.db, adminFor), deliverDueFlowTriggers(database.db, adminFor)]);
    expect(first.sent + second.sent).toBe(1);
    expect(standIn.state.shop(DEMO_SHOP).flowTriggers).toHaveLength(2);
  });

  it("marks a trigger Flow refuses as failed with Flow's words, without retrying it", async () => {
    const request = await newRequest(DEMO_SHOP);
    await database.db.flowTriggerEvent.updateMany({ where: { requestId: request.id }, data: { handle: "privacy-request-retired" } });
    expect(await deliverDueFlowTriggers(database.db, adminFor)).toMatchObject({ failed: 1 });
    const row = await database.db.flowTriggerEvent.findFirstOrThrow({ where: { requestId: request.id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toBe("Errors validating schema:\n  Invalid handle 'privacy-request-retired'.");
  });

  it("forgets the customer's triggers with the customer (customers/redact), and settled ones after 30 days", async () => {
    const linked = await newRequest(DEMO_SHOP, { shopifyCustomerId: "5005" });
    await newRequest(DEMO_SHOP, { email: "someone@example.jp" });
    await deliverDueFlowTriggers(database.db, adminFor);
    const counts = await eraseCustomer(database.db, DEMO_SHOP, { customerId: "5005", email: "hanako@example.jp" });
    expect(counts.flowTriggers).toBeGreaterThanOrEqual(1);
    expect(await database.db.flowTriggerEvent.count({ where: { shopifyCustomerId: "5005" } })).toBe(0);
    // What is left of the request: the erasure closed it, and Flow hears so without a customer (F2).
    const left = await database.db.flowTriggerEvent.findMany({ where: { requestId: linked.id } });
    expect(left).toMatchObject([{ trigger: "closed", status: "pending", shopifyCustomerId: null }]);
    expect(left[0].payload).not.toContain("customer_id");
    // Every other request of hers the earlier tests left open was closed the same way.
    const closedByErasure = await database.db.flowTriggerEvent.findMany({ where: { shop: DEMO_SHOP, trigger: "closed" } });
    expect(closedByErasure.every((row) => row.shopifyCustomerId === null && row.status === "pending")).toBe(true);
    expect(await database.db.flowTriggerEvent.count({ where: { shop: DEMO_SHOP, trigger: { not: "closed" } } })).toBe(1);

    await newRequest(DEMO_SHOP, { email: "later@example.jp" });
    expect(await purgeSettledFlowTriggers(database.db, new Date(Date.now() + 31 * DAY))).toBe(1);
    expect(await database.db.flowTriggerEvent.count({ where: { shop: DEMO_SHOP, status: "pending" } })).toBe(1 + closedByErasure.length);
  });
});
