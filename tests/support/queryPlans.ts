// How the databases plan the statements a piece of the app sent (recorded through createTestDatabase's
// onStatement): a statement fails the check when its plan scans a table or narrows by the shop
// alone, which reads every row the shop has. SQLite is asked as the app runs it, without
// statistics; PostgreSQL after fillShop has given the shop thousands of rows and analysed them.
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { Prisma } from "#prisma/sqlite";
import { root } from "./database";

export interface Statement {
  sql: string;
  args: unknown[];
}

/**
 * Tables keyed by the shop itself (one row per shop, such as its settings): reading one by the
 * shop reads that one row, whatever the shop's size. An erasure reads the shop's settings once.
 */
export const ONE_ROW_PER_SHOP = [...readFileSync(path.join(root, "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{([^}]*)\}/gm)]
  .filter(([, , body]) => /^\s*shop\s+String\s+@(id|unique)\b/m.test(body))
  .map(([, name]) => name);
export const readsOneRowPerShop = (sql: string) =>
  /^\s*SELECT\b/i.test(sql) && ONE_ROW_PER_SHOP.some((table) => new RegExp(`\\bFROM [^ ]*[\`"]${table}[\`"] WHERE \\([^ ]*[\`"]shop[\`"] = [?$]`).test(sql));

export const TEXT_SEARCH = /\b(LIKE|ILIKE|GLOB|REGEXP|SIMILAR TO)\b|\binstr\s*\(|\bposition\s*\(|\bstrpos\s*\(/i;
export const PLANNED = /^\s*(SELECT|UPDATE|DELETE)\b/i;

/** SQLite's plan of one statement, step by step, on a read-only connection of its own. */
export function sqlitePlan(file: string, sql: string, args: unknown[]): string[] {
  const connection = new Database(file, { readonly: true });
  try {
    return (connection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as never[])) as Array<{ detail: string }>).map((step) => step.detail);
  } finally {
    connection.close();
  }
}

/** A client of the test database (PostgreSQL) for as long as `run` lasts. */
export async function withPostgres<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function sqlitePlanScans(file: string, statements: Statement[]): string[] {
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

export function seqScans(node: Record<string, unknown>, found: string[] = []): string[] {
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

export async function fillShop(client: pg.Client, shop: string, rows: number) {
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

export async function postgresPlanScans(client: pg.Client, statements: Statement[]): Promise<string[]> {
  const scans: string[] = [];
  for (const { sql, args } of statements.filter((s) => PLANNED.test(s.sql) && !readsOneRowPerShop(s.sql))) {
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, args);
    const plan = (rows[0]["QUERY PLAN"] as Array<{ Plan: Record<string, unknown> }>)[0].Plan;
    for (const scan of seqScans(plan)) scans.push(`${scan} in: ${sql}`);
  }
  return scans;
}
