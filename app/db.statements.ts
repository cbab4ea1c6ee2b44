// A look at the statements a client sends, as its driver adapter is given them: SQL text with
// placeholders and the bound values. Only tests pass an observer; without one nothing is wrapped.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";

type AnyFactory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<AnyFactory["connect"]>>;
type Queryable = Pick<Adapter, "queryRaw" | "executeRaw">;
type Query = Parameters<Adapter["queryRaw"]>[0];

export type StatementObserver = (sql: string, args: unknown[]) => void;

function watching<T extends Queryable>(target: T, observe: StatementObserver): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: Query) => {
          observe(query.sql, query.args);
          return object[property](query as never);
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => watching(await (object as unknown as Adapter).startTransaction(...(args as [])), observe);
      }
      const value = Reflect.get(object, property, receiver);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

export function observed<F extends AnyFactory>(factory: F, observe: StatementObserver | undefined): F {
  if (!observe) return factory;
  const wrapped = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => watching(await factory.connect(), observe),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  // The library's classes have private fields, so TypeScript will not take a look-alike for them.
  return wrapped as unknown as F;
}
