// Events of topics without a batch form share a transaction (processInTurns). One that cannot be
// handled (its payload does not parse, its topic's check refuses it, no handler has its topic) is
// found before it is added: it fails alone with its own outcome, and the others still commit in
// one transaction instead of being rolled back and run one by one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { claimEvents, processInTurns, type BatchFallback } from "../../../app/privacy/webhooks/worker";
import { registerTopicHandler } from "../../../app/privacy/webhooks/topicHandlers";
import "../../../app/privacy/webhooks/lifecycleHandlers";

const CHECKED = "test/in-turns-checked";
// Refuses what its handler would fail on (TopicHandlerOptions.check), and writes nothing then.
registerTopicHandler(
  CHECKED,
  async (tx, event) => {
    if ((event.payload as { refuse?: boolean }).refuse) throw new TypeError("refused for someone@example.jp");
    await tx.auditEntry.create({ data: { shop: event.shop, actor: "test", action: "checked" } });
  },
  {
    check: (event) => {
      if ((event.payload as { refuse?: boolean }).refuse) throw new TypeError("refused");
    },
  },
);

const shop = (name: string) => `${name}-in-turns.myshopify.com`;
interface Delivery {
  topic: string;
  shop: string;
  /** A string is stored as it is (not JSON). */
  payload: unknown;
  outcome: "done" | "retry" | "failed";
}
const good: Delivery[] = [
  { topic: "app/uninstalled", shop: shop("a"), payload: {}, outcome: "done" },
  { topic: "app/scopes_update", shop: shop("a"), payload: { previous: [], current: ["read_customers"] }, outcome: "done" },
  { topic: CHECKED, shop: shop("b"), payload: {}, outcome: "done" },
  { topic: "app/uninstalled", shop: shop("c"), payload: {}, outcome: "done" },
];
const notJson: Delivery = { topic: "app/uninstalled", shop: shop("m"), payload: "{ not json", outcome: "retry" };
const refused: Delivery = { topic: CHECKED, shop: shop("m"), payload: { refuse: true }, outcome: "retry" };
const unhandled: Delivery = { topic: "test/in-turns-nobody", shop: shop("m"), payload: {}, outcome: "failed" };

const cases: Record<string, Delivery[]> = {
  "an unparsable payload among them": [good[0], good[1], notJson, good[2], good[3]],
  "an unparsable payload first": [notJson, ...good],
  "one the topic's check refuses, and one no handler takes": [good[0], refused, good[1], good[2], unhandled, good[3]],
};

describe.each<DatabaseKind>(["sqlite", "postgres"])("a malformed event among single events on %s", (kind) => {
  let database: TestDatabase;
  let statements: string[] = [];
  let sequence = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "malformed_turns", { onStatement: (sql) => statements.push(sql) });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
    await database.db.auditEntry.deleteMany();
    await database.db.shop.deleteMany();
  });

  it.each(Object.keys(cases))("%s: fails alone, the others commit in one transaction", async (name) => {
    const deliveries = cases[name];
    const at = Date.parse("2026-12-01T03:00:00Z");
    await database.db.webhookEvent.createMany({
      data: deliveries.map((delivery, i) => ({
        deliveryKey: `in-turns-${sequence++}`,
        shop: delivery.shop,
        topic: delivery.topic,
        payload: typeof delivery.payload === "string" ? delivery.payload : JSON.stringify(delivery.payload),
        receivedAt: new Date(at + i * 1000),
        nextAttemptAt: new Date(at),
      })),
    });
    const claimed = await claimEvents(database.db, "w", new Date(), 100);
    const fallbacks: BatchFallback[] = [];
    statements = [];
    // A budget no transaction reaches: every valid event fits in the first.
    const results = await processInTurns(database.db, "w", claimed, undefined, undefined, 60_000, (fallback) => fallbacks.push(fallback));

    expect(results.map(({ event }) => event.id)).toEqual(claimed.map((event) => event.id));
    expect(results.map(({ result }) => result.outcome)).toEqual(deliveries.map((delivery) => delivery.outcome));
    expect(fallbacks).toEqual([]);
    // One for the valid events together; one for each malformed event's own failure (processEvent's UPDATE).
    const malformed = deliveries.filter((delivery) => delivery.outcome !== "done").length;
    expect(statements.filter((sql) => /^\s*COMMIT\b/i.test(sql))).toHaveLength(1 + malformed);

    // The valid events' effects, each once; nothing of the malformed ones.
    expect(await database.db.shop.findMany({ where: { status: "uninstalled" }, select: { domain: true }, orderBy: { domain: "asc" } })).toEqual([{ domain: shop("a") }, { domain: shop("c") }]);
    expect(await database.db.shop.findUnique({ where: { domain: shop("a") }, select: { scopes: true } })).toEqual({ scopes: "read_customers" });
    expect(await database.db.auditEntry.count({ where: { action: "checked" } })).toBe(1);
    expect(await database.db.shop.count({ where: { domain: shop("m") } })).toBe(0);

    const rows = await database.db.webhookEvent.findMany({ select: { id: true, status: true, lastError: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    claimed.forEach((event, i) => {
      const row = byId.get(event.id)!;
      const { outcome } = deliveries[i];
      if (outcome === "done") expect(row).toMatchObject({ status: "done", lastError: null });
      else {
        expect(row.status).toBe(outcome === "retry" ? "pending" : "failed");
        // The error's kind, never its message.
        expect(row.lastError).toMatch(/^[A-Za-z]+(:[A-Za-z0-9_]+)?$/);
      }
    });
  });
});
