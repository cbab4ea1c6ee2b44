// CSV export of the requests list, through the one CSV writer (csv.ts).
import type { Db } from "../../db.factory";
import { CSV_BOM, csvLine } from "../csv";
import { listRequests, type RequestListQuery, type RequestListRow } from "./requestList";

export const CSV_COLUMNS = [
  "reference",
  "type",
  "status",
  "source",
  "customer_name",
  "email",
  "received_at",
  "due_at",
  "closed_at",
  "identity",
  "agent",
  "language",
] as const;

export function csvRow(row: RequestListRow): string {
  return csvLine([
    row.reference,
    row.type,
    row.status,
    row.source,
    row.customerName,
    row.email,
    row.receivedAt,
    row.dueAt,
    row.closedAt,
    row.identityStatus,
    row.isAgent,
    row.language,
  ]);
}

/**
 * Every request matching the list's filters, as CSV, read page by page along the same keyset so
 * an export of 100,000 rows never holds more than one page in memory. Starts with a BOM so Excel
 * opens the Japanese text as UTF-8.
 */
export async function* requestsCsv(db: Db, shop: string, query: RequestListQuery, now = new Date()): AsyncGenerator<string> {
  yield `${CSV_BOM}${csvLine(CSV_COLUMNS)}`;
  let cursor: string | null = null;
  do {
    const page = await listRequests(db, shop, { ...query, cursor, direction: "next" }, { now, pageSize: 500 });
    yield page.rows.map(csvRow).join("");
    cursor = page.next;
  } while (cursor);
}
