// Every data request and consent update the worker handles first asks whether the person was
// erased (erasedSubjects.ts). That look-up must cost what the person's receipts cost, not what
// the shop's erasures add up to: after a backlog of redacts a shop holds thousands of receipts.
// The statement it sends is planned by each database, with the shop's receipts filled in (and,
// on PostgreSQL, analysed): the index it uses must narrow by the subject's keyed hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { sqlitePlan, withPostgres } from "../../support/queryPlans";
import { erasedAtEach } from "../../../app/privacy/erasedSubjects";
import { customerHash, shopHash } from "../../../app/privacy/keyedHash";

const SHOP = "erased-subjects.myshopify.com";

describe.each<DatabaseKind>(["sqlite", "postgres"])("the erased-subject look-up on %s", (kind) => {
  let database: TestDatabase;
  const statements: Array<{ sql: string; args: unknown[] }> = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind, "erased_subjects", { onStatement: (sql, args) => statements.push({ sql, args }) });
    await database.db.erasureReceipt.createMany({
      data: Array.from({ length: 5_000 }, (_, i) => ({
        shopHash: shopHash(SHOP),
        kind: "customer_redact",
        subjectHash: customerHash(SHOP, String(1_000 + i)),
        outcome: "erased",
        performedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000),
      })),
    });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("finds when each subject was erased, and null for one never erased", async () => {
    statements.length = 0;
    const at = await erasedAtEach(database.db, SHOP, [{ customerId: "1002" }, { customerId: "999999" }, null]);
    expect(at).toEqual([new Date(Date.UTC(2026, 10, 1) + 2_000), null, null]);
  });

  it("is served by an index on the subject's hash, not by reading the shop's receipts", async () => {
    statements.length = 0;
    await erasedAtEach(database.db, SHOP, [{ customerId: "1002" }, { email: "someone@example.jp" }]);
    const lookups = statements.filter(({ sql }) => /SELECT/i.test(sql) && /ErasureReceipt/.test(sql));
    expect(lookups).toHaveLength(1);
    const [{ sql, args }] = lookups;
    if (kind === "sqlite") {
      expect(sqlitePlan(database.file!, sql, args.map(() => null)).join("\n")).toMatch(/USING INDEX \S+ \(shopHash=\? AND subjectHash=\?\)/);
      return;
    }
    await withPostgres(database.url, async (client) => {
      await client.query('ANALYZE "ErasureReceipt"');
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, args);
      const conditions: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        expect(node["Node Type"]).not.toBe("Seq Scan");
        if (typeof node["Index Cond"] === "string") conditions.push(node["Index Cond"]);
        for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
      };
      walk((rows[0]["QUERY PLAN"] as Array<{ Plan: Record<string, unknown> }>)[0].Plan);
      expect(conditions.join(" ")).toMatch(/"subjectHash"/);
    });
  });
});
