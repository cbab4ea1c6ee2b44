// Issue 15 point 3: the worker's look-ups cost what a batch costs, not what the backlog or the shop
// holds. The claim reads its candidates from an index in the order received and stops after the
// batch (read as one OR, both kinds were gathered whole and sorted: about 20 ms on SQLite and 30 ms
// on PostgreSQL at 100,000 pending, for every batch); a batch's other statements are each served by
// an index on what they look for, never by a scan or an index narrowed by the shop alone. SQLite
// is asked as the app runs it, without statistics; PostgreSQL after ANALYZE, as autovacuum keeps it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { fillShop, postgresPlanScans, sqlitePlan, sqlitePlanScans, withPostgres, type Statement } from "../../support/queryPlans";
import { rawParameters, sqlDialect } from "../../../app/db.directSql";
import { claimEvents, processClaimed } from "../../../app/privacy/webhooks/worker";
import { registerTopicHandler } from "../../../app/privacy/webhooks/topicHandlers";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { shopHash } from "../../../app/privacy/keyedHash";
import { seedFootprint } from "../erasure/footprint";
import "../../../app/privacy/webhooks/lifecycleHandlers";
import "../../../app/privacy/webhooks/dataRequestHandler";
import "../../../app/privacy/consent/consentWebhooks";

const SHOP = "lookup-plans.myshopify.com";
const BACKLOG = 20_000;
const BATCH = 100;

registerTopicHandler("test/plan", async () => {});

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe.each<DatabaseKind>(["sqlite", "postgres"])("the worker's look-ups on %s", (kind) => {
  let database: TestDatabase;
  let recording = false;
  let statements: Statement[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind, "lookup_plans", {
      onStatement: (sql, args) => {
        if (recording) statements.push({ sql, args });
      },
    });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database.db.webhookEvent.deleteMany();
    statements = [];
  });

  const recorded = async <T>(work: () => Promise<T>): Promise<T> => {
    recording = true;
    try {
      return await work();
    } finally {
      recording = false;
    }
  };

  /** A backlog of pending events, in one statement (through Prisma it would take minutes). */
  async function fillBacklog(count: number) {
    const dialect = sqlDialect(database.db);
    const { args, bind } = rawParameters(dialect);
    const columns = `("id", "deliveryKey", "shop", "topic", "payload", "nextAttemptAt", "receivedAt")`;
    const past = new Date(Date.now() - 3_600_000);
    const values = `'backlog-' || n, 'backlog-' || n, ${bind(SHOP)}, 'test/plan', '{}', ${bind(past)}, ${bind(past)}`;
    await database.db.$executeRawUnsafe(
      dialect === "sqlite"
        ? `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${count}) INSERT INTO "WebhookEvent" ${columns} SELECT ${values} FROM g`
        : `INSERT INTO "WebhookEvent" ${columns} SELECT ${values} FROM generate_series(1, ${count}) AS n`,
      ...args,
    );
    if (dialect === "postgresql") await database.db.$executeRawUnsafe(`ANALYZE "WebhookEvent"`);
  }

  it("reads the claim's candidates in the order received from an index, stopping after the batch", async () => {
    await fillBacklog(BACKLOG);
    expect(await recorded(() => claimEvents(database.db, "w", new Date(), BATCH))).toHaveLength(BATCH);
    const reads = statements.filter(({ sql }) => /^SELECT\b.*WebhookEvent.*\bORDER BY\b/s.test(sql));
    expect(reads.length).toBeGreaterThan(0);
    // The backlog as it was before the claim, so each read is planned and run against all of it.
    await database.db.webhookEvent.updateMany({ data: { status: "pending", lockedBy: null, lockedAt: null, attempts: 0 } });
    if (kind === "sqlite") {
      for (const { sql, args } of reads) {
        // One search of the (status, receivedAt) index, in its order: no sort of what it found.
        expect(sqlitePlan(database.file!, sql, args)).toEqual([expect.stringMatching(/^SEARCH \S*WebhookEvent USING INDEX WebhookEvent_status_receivedAt_idx \(status=\?\)$/)]);
      }
      return;
    }
    await withPostgres(database.url, async (client) => {
      let rowsRead = 0;
      for (const { sql, args } of reads) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, args);
        const nodes = nodesOf((rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0].Plan);
        expect(nodes.map((node) => node["Node Type"])).not.toContain("Sort");
        const scans = nodes.filter((node) => String(node["Node Type"]).includes("Scan"));
        expect(scans.map((node) => `${node["Node Type"]} ${node["Index Name"]}`)).toEqual(["Index Scan WebhookEvent_status_receivedAt_idx"]);
        for (const scan of scans) rowsRead += Number(scan["Actual Rows"]) + Number(scan["Rows Removed by Filter"] ?? 0);
      }
      // What a batch claims, not the backlog of 20,000.
      expect(rowsRead).toBeLessThanOrEqual(BATCH);
    });
  }, 120_000);

  it("serves every statement of a claimed batch of erasures, data requests and consent updates by an index", async () => {
    const customer = { id: 8_800_001, email: "sakura@example.jp", phone: "+81 90 5555 6666", name: "桜井 さくら" };
    await seedFootprint(database.db, SHOP, customer);
    // A data request Shopify already sent: the batch's look-up of known ids finds it.
    await database.db.privacyRequest.updateMany({ where: { shop: SHOP }, data: { shopifyDataRequestId: "501" } });
    const payloads: Array<[topic: string, payload: Record<string, unknown>]> = [
      ["customers/data_request", { shop_domain: SHOP, customer: { id: 8_800_002, email: "ume@example.jp" }, orders_requested: [], data_request: { id: 501 } }],
      ["customers/data_request", { shop_domain: SHOP, customer: { id: 8_800_003, email: "momo@example.jp" }, orders_requested: [7], data_request: { id: 502 } }],
      ["customers_email_marketing_consent/update", { customer_id: 8_800_002, email_address: "ume@example.jp", email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-11-30T10:00:00Z" } }],
      ["customers_email_marketing_consent/update", { customer_id: 8_800_003, email_address: "momo@example.jp", email_marketing_consent: { state: "unsubscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-11-30T11:00:00Z" } }],
      ["customers/redact", { shop_domain: SHOP, customer: { id: customer.id, email: customer.email, phone: customer.phone }, orders_to_redact: [] }],
      ["customers/redact", { shop_domain: SHOP, customer: { id: 8_800_004, email: "kiku@example.jp" }, orders_to_redact: [] }],
    ];
    await database.db.webhookEvent.createMany({
      data: payloads.map(([topic, payload], i) => ({
        deliveryKey: `mixed-${i}`,
        shop: SHOP,
        topic,
        payload: JSON.stringify(payload),
        subjectKey: deliverySubjectKey(SHOP, topic, payload),
        receivedAt: new Date(Date.now() - 60_000 + i),
      })),
    });
    const results = await recorded(async () => processClaimed(database.db, "w", await claimEvents(database.db, "w", new Date(), BATCH)));
    expect(results.map(({ result }) => result.outcome)).toEqual(payloads.map(() => "done"));
    // The known data request id was asked for with the shop, on its own index.
    const knownIds = statements.filter(({ sql }) => /^SELECT\b.*FROM \S*PrivacyRequest\S* WHERE.*shopifyDataRequestId\S* IN/s.test(sql));
    expect(knownIds).toHaveLength(1);
    if (kind === "sqlite") {
      expect(sqlitePlanScans(database.file!, statements)).toEqual([]);
      expect(sqlitePlan(database.file!, knownIds[0].sql, knownIds[0].args).join("\n")).toMatch(/USING INDEX PrivacyRequest_shop_shopifyDataRequestId_idx \(shop=\? AND shopifyDataRequestId=\?\)/);
      return;
    }
    await withPostgres(database.url, async (client) => {
      // Receipts are kept by the shop's hash, not its domain (fillShop fills what has a shop
      // column): a shop after a backlog of redacts holds thousands.
      await client.query(
        `INSERT INTO "ErasureReceipt" ("id", "shopHash", "kind", "subjectHash", "outcome") SELECT 'fill-' || g, $1, 'customer_redact', 'fill-' || g, 'erased' FROM generate_series(1, 5000) AS g`,
        [shopHash(SHOP)],
      );
      await fillShop(client, SHOP, 5_000);
      expect(await postgresPlanScans(client, statements)).toEqual([]);
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${knownIds[0].sql}`, knownIds[0].args);
      const nodes = nodesOf((rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0].Plan);
      expect(nodes.map((node) => node["Index Name"]).filter(Boolean)).toEqual(["PrivacyRequest_shop_shopifyDataRequestId_idx"]);
    });
  }, 120_000);
});
