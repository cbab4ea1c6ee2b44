// Issue 15 point 5: an erasure costs what the person's data costs. Every statement it sends is
// checked as the database receives it: none searches text (LIKE, GLOB, instr, position), and the
// planner serves each one by an index on the person's keys, never by a scan of a table or an
// index search that narrows by the shop alone (which reads every row the shop has). SQLite is
// asked as the app runs it, without statistics; PostgreSQL after its tables hold a shop of
// 5,000 rows each and have been analysed, as autovacuum keeps them.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { fillShop, ONE_ROW_PER_SHOP, PLANNED, postgresPlanScans, readsOneRowPerShop, sqlitePlanScans, TEXT_SEARCH, type Statement } from "../../support/queryPlans";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { seedFootprint, type Person } from "./footprint";

const SHOP = "statement-erasure.myshopify.com";
const HANAKO: Person = { id: 7_700_001, email: "hanako@example.jp", phone: "+81 90 4321 8765", name: "山田 花子" };
const OTHERS: Person[] = [
  { id: 7_700_002, email: "taro@example.jp", phone: "+81 80 1111 2222", name: "鈴木 太郎" },
  { email: "jiro@example.jp", phone: "+81 70 3333 4444", name: "佐藤 次郎" },
];

describe.each<DatabaseKind>(["sqlite", "postgres"])("the statements of a customer erasure on %s", (kind) => {
  let database: TestDatabase;
  let recording = false;
  const statements: Statement[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind, "erasure_sql", {
      onStatement: (sql, args) => {
        if (recording) statements.push({ sql, args });
      },
    });
    for (const person of [HANAKO, ...OTHERS]) await seedFootprint(database.db, SHOP, person);
    // A request from before the hash columns existed: the erasure must still find it, by index.
    await database.db.privacyRequest.create({
      data: { shop: SHOP, reference: "PD-2026-99999", type: "inquiry", source: "staff_email", email: HANAKO.email, dueAt: new Date() },
    });
    // Several of the person's deliveries still waiting: the erasure clears them in one UPDATE by
    // their ids, which SQLite's planner (no statistics) served from the (shop, ...) index with one
    // id or a few, but took that index over the ids at a few dozen, reading the shop's whole inbox.
    await database.db.webhookEvent.createMany({
      data: Array.from({ length: 30 }, (_, i) => {
        const payload = { shop_domain: SHOP, customer: { id: HANAKO.id, email: HANAKO.email }, orders_requested: [], data_request: { id: 100 + i } };
        return { deliveryKey: `waiting-${i}`, shop: SHOP, topic: "customers/data_request", payload: JSON.stringify(payload), subjectKey: deliverySubjectKey(SHOP, "customers/data_request", payload) };
      }),
    });
    recording = true;
    await database.db.$transaction((tx) => eraseCustomer(tx, SHOP, { customerId: HANAKO.id, email: HANAKO.email, phone: HANAKO.phone }));
    recording = false;
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("sends statements, and none of them searches text", () => {
    expect(statements.filter((s) => PLANNED.test(s.sql)).length).toBeGreaterThan(10);
    expect(statements.map((s) => s.sql).filter((sql) => TEXT_SEARCH.test(sql))).toEqual([]);
  });

  it("has every statement served by an index", async () => {
    if (kind === "sqlite") {
      expect(sqlitePlanScans(database.file!, statements)).toEqual([]);
      return;
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await fillShop(client, SHOP, 5_000);
      expect(await postgresPlanScans(client, statements)).toEqual([]);
    } finally {
      await client.end();
    }
  }, 120_000);

  // Through Prisma a statement costs more in its query compiler than in the database, so the rows
  // found by the person's keys, and then by their requests' ids, come in one look-up each
  // (keyedRows); each SELECT of it is still planned on its own index (the test above).
  it("finds the person's rows in two look-ups: by their keys, then by their requests' ids", () => {
    const selects = statements.filter((s) => /^\s*SELECT\b/i.test(s.sql));
    const unions = selects.filter((s) => /\bUNION ALL\b/.test(s.sql));
    expect(unions).toHaveLength(2);
    expect(unions[0].sql).toMatch(/FROM "PrivacyRequest" WHERE "shop" = [?$]/);
    expect(unions[1].sql).toMatch(/FROM "RequestEvent" WHERE "shop" = [?$]\d* AND "requestId" IN/);
    // Beside them: the deliveries to supersede, requests still without hashes, the shop's
    // settings and, Flow on, the closed requests' facts and the triggers already queued for them.
    expect(selects.length).toBeLessThanOrEqual(7);
  });

  it("reads a one-row-per-shop table only by its key (the shop's settings, for the Flow trigger)", () => {
    expect(ONE_ROW_PER_SHOP).toContain("ShopSettings");
    const exempt = statements.filter((s) => PLANNED.test(s.sql) && readsOneRowPerShop(s.sql));
    expect(exempt.length).toBeLessThanOrEqual(1);
  });

  it("found the request written before the hash columns by its email", async () => {
    expect(await database.db.privacyRequest.findUnique({ where: { shop_reference: { shop: SHOP, reference: "PD-2026-99999" } } })).toMatchObject({ email: "", redacted: true });
  });
});
