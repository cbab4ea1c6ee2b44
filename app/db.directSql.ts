// A way past Prisma's query compiler for the one statement where it is most of the cost: the
// webhook inbox's insert, whose payload Prisma would copy as JSON into its WebAssembly compiler and
// back (docs/webhooks.md). The statement goes to the same driver adapter, on the same connection
// and, on SQLite, through the same turn-taking as every Prisma statement, so it is committed when
// it returns, exactly as a Prisma statement would be.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";

type AnyFactory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<AnyFactory["connect"]>>;
export type ArgType = Parameters<Adapter["queryRaw"]>[0]["argTypes"][number];

export const TEXT: ArgType = { scalarType: "string", arity: "scalar" };
export const DATETIME: ArgType = { scalarType: "datetime", dbType: "TIMESTAMP", arity: "scalar" };

export interface DirectSql {
  provider: "sqlite" | "postgresql";
  /**
   * `$1, $2, ...` placeholders, each used once and in order (SQLite gets plain `?`, which its
   * driver binds by position). Rows come back as arrays of values.
   */
  query(sql: string, args: unknown[], argTypes: ArgType[]): Promise<unknown[][]>;
}

const registry = new WeakMap<object, DirectSql>();

/**
 * Wraps an adapter factory so the connection Prisma opens is also reachable for direct
 * statements, and registers that reach for the client once it is built.
 */
export function directSqlFactory<F extends AnyFactory>(factory: F, provider: DirectSql["provider"]) {
  let adapter: Adapter | null = null;
  const wrapped = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => (adapter = await factory.connect()),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const register = (client: { $connect(): Promise<void> }) => {
    registry.set(client, {
      provider,
      async query(sql, args, argTypes) {
        if (!adapter) await client.$connect();
        const text = provider === "sqlite" ? sql.replace(/\$\d+/g, "?") : sql;
        const result = await adapter!.queryRaw({ sql: text, args, argTypes });
        return result.rows;
      },
    });
  };
  // The library's classes have private fields, so TypeScript will not take a look-alike for them.
  return { factory: wrapped as unknown as F, register };
}

export function directSql(client: object): DirectSql {
  const direct = registry.get(client);
  if (!direct) throw new Error("this Prisma client was not built by createDb");
  return direct;
}

/**
 * Which SQL a client (or one of its transactions) speaks, for a raw statement sent through it:
 * the generated clients record their provider, and a transaction's client is a view of its parent.
 */
export function sqlDialect(client: object): DirectSql["provider"] {
  const provider = (client as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error("not a Prisma client of this app");
}

/**
 * Bound parameters for a raw statement sent through Prisma (`$queryRawUnsafe`, `$executeRawUnsafe`,
 * in or outside a transaction): `bind(value)` records the value and returns its placeholder, `$n`
 * on PostgreSQL and `?` on SQLite, so values never enter the text.
 */
export function rawParameters(dialect: DirectSql["provider"]) {
  const args: unknown[] = [];
  const bind = (value: unknown) => (args.push(value), dialect === "postgresql" ? `$${args.length}` : "?");
  return { args, bind };
}

/**
 * A column of a WHERE term that only re-checks rows already found by their ids. The app never
 * runs ANALYZE, and without statistics SQLite's planner prefers an equality on the leading column
 * of any index to `"id" IN (...)`: `"status" = 'pending'` or `"shop" = ?` made a 25-row UPDATE of
 * the inbox walk the index entries of every pending event or of the shop's whole inbox (tens of
 * milliseconds at 100,000 pending, docs/webhooks.md). SQLite's unary `+` keeps a term out of
 * index choice, and the row is still checked; PostgreSQL plans from its own statistics.
 */
export const recheckOnly = (dialect: DirectSql["provider"], column: string) => (dialect === "sqlite" ? `+"${column}"` : `"${column}"`);
