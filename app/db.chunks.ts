// Lists of ids cut to what one statement may bind. The bound is Prisma's, not the database's:
// its SQLite client refuses a statement with more than 999 parameters ("The query parameter limit
// supported by your database is exceeded") although SQLite itself takes 32,766. A chunk leaves
// room for the statement's other parameters (shop, lock, status).

export const IDS_PER_STATEMENT = 900;

export function chunks<T>(items: T[], size = IDS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export async function inChunks<T>(ids: T[], statement: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunks(ids)) await statement(chunk);
}

export async function findInChunks<T, R>(ids: T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunks(ids)) rows.push(...(await query(chunk)));
  return rows;
}
