// The inbox's one-statement commit on both real databases: what is stored, what a retry gets, and
// that deliveries arriving together share a statement without losing or doubling any of them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { acknowledging, msSinceInboxActivity, WebhookInbox } from "../../../app/privacy/webhooks/inbox";
import type { VerifiedDelivery } from "../../../app/privacy/webhooks/verify";
import { signWebhookBody } from "../../support/webhooks";

const SHOP = "inbox-shop.myshopify.com";

function delivery(webhookId: string | null, body = `{"shop_domain":"${SHOP}","n":"${webhookId}"}`): VerifiedDelivery {
  return { topic: "customers/redact", shop: SHOP, webhookId, apiVersion: "2026-10", signature: signWebhookBody(body, "inbox-test-secret"), body, payload: JSON.parse(body) };
}

describe.each<DatabaseKind>(["sqlite", "postgres"])("WebhookInbox on %s", (kind) => {
  let database: TestDatabase;
  let inbox: WebhookInbox;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "inbox");
    inbox = new WebhookInbox(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
  });

  it("stores a delivery as a pending event that is due now", async () => {
    const before = Date.now();
    expect(await inbox.accept(delivery("w-1"))).toBe("accepted");
    const [row] = await database.db.webhookEvent.findMany();
    expect(row.deliveryKey).toMatch(/^id:w-1:[0-9a-f]{64}$/);
    expect(row).toMatchObject({ shop: SHOP, topic: "customers/redact", apiVersion: "2026-10", status: "pending", attempts: 0 });
    expect(row.payload).toBe(delivery("w-1").body);
    expect(row.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    // The worker claims by `nextAttemptAt <= now`: the raw insert must store a date it compares.
    const due = await database.db.webhookEvent.count({ where: { status: "pending", nextAttemptAt: { lte: new Date() } } });
    expect(due).toBe(1);
  });

  it("answers a retry of a stored delivery as a duplicate and stores nothing more", async () => {
    await inbox.accept(delivery("w-2"));
    expect(await inbox.accept(delivery("w-2"))).toBe("duplicate");
    expect(await database.db.webhookEvent.count()).toBe(1);
  });

  it("keys a delivery without a webhook id by its bytes, so only an identical one is a retry", async () => {
    expect(await inbox.accept(delivery(null, '{"a":1}'))).toBe("accepted");
    expect(await inbox.accept(delivery(null, '{"a":1}'))).toBe("duplicate");
    expect(await inbox.accept(delivery(null, '{"a":2}'))).toBe("accepted");
    expect(await database.db.webhookEvent.count()).toBe(2);
  });

  it("commits a burst together: every new delivery stored once, each repeat answered as a duplicate", async () => {
    await inbox.accept(delivery("old"));
    const ids = [...Array.from({ length: 40 }, (_, i) => `b-${i}`), "b-3", "old", "b-7"];
    const outcomes = await Promise.all(ids.map((id) => inbox.accept(delivery(id))));
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(40);
    expect(outcomes.slice(40)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(outcomes[3]).toBe("accepted");
    expect(await database.db.webhookEvent.count()).toBe(41);
  });

  it("splits a burst larger than one statement's bound and stores all of it", async () => {
    const ids = Array.from({ length: 1_203 }, (_, i) => `big-${i}`);
    const outcomes = await Promise.all(ids.map((id) => inbox.accept(delivery(id))));
    expect(new Set(outcomes)).toEqual(new Set(["accepted"]));
    expect(await database.db.webhookEvent.count()).toBe(1_203);
  });

  it("counts an acknowledgement as activity for the worker from its start until a while after its answer", async () => {
    const pending = acknowledging(() => inbox.accept(delivery("busy-1")));
    expect(msSinceInboxActivity()).toBe(0);
    await pending;
    const justAfter = performance.now();
    expect(msSinceInboxActivity(justAfter)).toBeGreaterThanOrEqual(0);
    expect(msSinceInboxActivity(justAfter + 1_000)).toBeGreaterThanOrEqual(1_000);
  });

  it("rejects every delivery of a statement that fails, so none of them is acknowledged", async () => {
    const broken = new WebhookInbox(database.db);
    // A row the database refuses (no shop), in the same statement as a good one.
    const missingShop = { ...delivery("x-1"), shop: null as unknown as string };
    const results = await Promise.allSettled([broken.accept(delivery("x-0")), broken.accept(missingShop)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await database.db.webhookEvent.count()).toBe(0);
  });
});
