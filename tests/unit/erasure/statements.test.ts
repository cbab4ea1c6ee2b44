// Issue 15 point 5: an erasure costs what the person's data costs. Every statement it sends is
// checked as the database receives it: none searches text (LIKE, GLOB, instr, position), and the
// planner serves each one by an index on the person's keys, never by a scan of a table or an
// index search that narrows by the shop alone (which reads every row the shop has). SQLite is
// asked as the app runs it, without statistics; PostgreSQL after its tables hold a shop of
// 5,000 rows each and have been analysed, as autovacuum keeps them.
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { Prisma } from "#prisma/sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, root, type DatabaseKind, type TestDatabase } from "../../support/database";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { seedFootprint, type Person } from "./footprint";

const SHOP = "statement-erasure.myshopify.com";
const HANAKO: Person = { id: 7_700_001, email: "hanako@example.jp", phone: "+81 90 4321 8765", name: "山田 花子" };
const OTHERS: Person[] = [
  { id: 7_700_002, email: "taro@example.jp", phone: "+81 80 1111 2222", name: "鈴木 太郎" },
  { email: "jiro@example.jp", phone: "+81 70 3333 4444", name: "佐藤 次郎" },
];

interface Statement {
  sql: string;
  args: unknown[];
}

/**
 * Tables keyed by the shop itself (one row per shop, such as its settings): reading one by the
 * shop reads that one row, whatever the shop's size. An erasure reads the shop's settings once.
 */
const ONE_ROW_PER_SHOP = [...readFileSync(path.join(root, "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{([^}]*)\}/gm)]
  .filter(([, , body]) => /^\s*shop\s+String\s+@(id|unique)\b/m.test(body))
  .map(([, name]) => name);
const readsOneRowPerShop = (sql: string) =>
  /^\s*SELECT\b/i.test(sql) && ONE_ROW_PER_SHOP.some((table) => new RegExp(`\\bFROM [^ ]*[\`"]${table}[\`"] WHERE \\([^ ]*[\`"]shop[\`"] = [?$]`).test(sql));

const TEXT_SEARCH = /\b(LIKE|ILIKE|GLOB|REGEXP|SIMILAR TO)\b|\binstr\s*\(|\bposition\s*\(|\bstrpos\s*\(/i;
const PLANNED = /^\s*(SELECT|UPDATE|DELETE)\b/i;

function sqlitePlanScans(file: string, statements: Statement[]): string[] {
  const connection = new Database(file, { readonly: true });
  try {
    const scans: string[] = [];
    for (const { sql } of statements.filter((s) => PLANNED.test(s.sql) && !readsOneRowPerShop(s.sql))) {
      const params = (sql.match(/\?/g) ?? []).map(() => null);
      const plan = connection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
      for (const step of plan) {
        const search = /USING (?:COVERING )?INDEX \S+ \((.*)\)/.exec(step.detail);
        // A scan of the table, or an index search that narrows to the shop alone (all its rows).
        if (/^SCAN (?!CONSTANT)/.test(step.detail) || (search && search[1].split(" AND ").every((term) => /^shop[=<>]/.test(term)))) {
          scans.push(`${step.detail} in: ${sql}`);
        }
      }
    }
    return scans;
  } finally {
    connection.close();
  }
}

function seqScans(node: Record<string, unknown>, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan") found.push(`Seq Scan on ${String(node["Relation Name"])}`);
  // An index condition on the shop alone reads every row of the shop.
  const condition = node["Index Cond"];
  if (typeof condition === "string" && condition.replace(/\("?shop"?\s*=\s*[^)]*\)/g, "").replace(/[()\s]/g, "") === "") {
    found.push(`${String(node["Index Name"])} narrowed by shop alone`);
  }
  for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) seqScans(child, found);
  return found;
}

/**
 * Fills every shop-scoped table with `rows` rows of the shop that belong to no one in particular,
 * then collects statistics, so that PostgreSQL's planner sees a shop as big as the statements must
 * not read: with tables this size a plan that narrows by the shop alone (or scans) reads thousands.
 */
const ONE_PER_REQUEST = new Set(["PackageDelivery"]);

async function fillShop(client: pg.Client, shop: string, rows: number) {
  const models = Prisma.dmmf.datamodel.models.filter((model) => model.fields.some((field) => field.name === "shop") && model.fields.some((field) => field.name === "id"));
  // Parents first: a timeline row needs its request.
  models.sort((a, b) => Number(b.name === "PrivacyRequest") - Number(a.name === "PrivacyRequest"));
  for (const model of models) {
    const columns: string[] = [];
    const values: string[] = [];
    for (const field of model.fields) {
      if (field.kind !== "scalar") continue;
      columns.push(`"${field.name}"`);
      if (field.name === "shop") values.push("$1");
      else if (field.name === "id") values.push(`'fill-${model.name}-' || g`);
      // A request has one delivery (requestId is unique there; the generated dmmf does not say so).
      else if (field.name === "requestId") values.push(ONE_PER_REQUEST.has(model.name) ? `'fill-PrivacyRequest-' || g` : `'fill-PrivacyRequest-' || (g % 100 + 1)`);
      else if (field.type === "String") values.push(`'fill-' || g`);
      else if (field.type === "Int") values.push("g");
      else if (field.type === "BigInt") values.push("g");
      else if (field.type === "Boolean") values.push("false");
      else if (field.type === "DateTime") values.push("now()");
      else values.push("NULL");
    }
    await client.query(`INSERT INTO "${model.name}" (${columns.join(", ")}) SELECT ${values.join(", ")} FROM generate_series(1, ${rows}) AS g`, [shop]);
  }
  await client.query("ANALYZE");
}

async function postgresPlanScans(client: pg.Client, statements: Statement[]): Promise<string[]> {
  const scans: string[] = [];
  for (const { sql, args } of statements.filter((s) => PLANNED.test(s.sql) && !readsOneRowPerShop(s.sql))) {
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, args);
    const plan = (rows[0]["QUERY PLAN"] as Array<{ Plan: Record<string, unknown> }>)[0].Plan;
    for (const scan of seqScans(plan)) scans.push(`${scan} in: ${sql}`);
  }
  return scans;
}

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
