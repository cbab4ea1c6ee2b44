// A pg Pool for the Prisma CLI. Prisma's migrate engine reads catalog columns of type "name" and
// "char", which @prisma/adapter-pg 6.19 cannot map (prisma/orm#27403); presenting them as text
// is exactly what they are on the wire.
import pg from "pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function presentCatalogTypesAsText<T>(result: T): T {
  const fields = (result as QueryResultLike | undefined)?.fields;
  if (fields) {
    for (const field of fields) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  // pg's overloads (promise or callback) are preserved; only the result's field types change.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : presentCatalogTypesAsText(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then(presentCatalogTypesAsText) : out;
  }
}

export function cliPgPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, Client: CatalogFriendlyClient as unknown as typeof pg.Client });
}
