// The requests list of the admin: filters, search and keyset pagination over one shop's requests.
// Keyset (not OFFSET) so that page 2,000 of 100,000 rows costs what page 1 costs: every query walks
// one of PrivacyRequest's (shop, …) indexes from the cursor on (see docs/indexes.md).
import type { Db, Prisma } from "../../db.factory";
import {
  OPEN_STATUSES,
  REQUEST_SOURCES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  isRequestSource,
  isRequestStatus,
  isRequestType,
} from "../requests/requestTypes";
import { formatReference } from "../requests/reference";
import { dueSoonLimit } from "../requests/deadlines";
import { DEFAULT_SHOP_TIME_ZONE } from "../shopTime";

export const LIST_SORTS = ["received_desc", "received_asc", "due_asc", "due_desc"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const DUE_FILTERS = ["overdue", "due_soon"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const PAGE_SIZE = 50;
export const DEFAULT_DUE_SOON_DAYS = 3;

export interface RequestListQuery {
  types: string[];
  statuses: string[];
  sources: string[];
  due: DueFilter | null;
  dueWithinDays: number;
  search: string;
  sort: ListSort;
  /** Opaque cursor from a previous page; `direction` says which side of it to read. */
  cursor: string | null;
  direction: "next" | "previous";
}

export const EMPTY_QUERY: RequestListQuery = {
  types: [],
  statuses: [],
  sources: [],
  due: null,
  dueWithinDays: DEFAULT_DUE_SOON_DAYS,
  search: "",
  sort: "received_desc",
  cursor: null,
  direction: "next",
};

const pick = <T extends string>(values: string[], guard: (value: unknown) => value is T): T[] =>
  [...new Set(values.flatMap((value) => value.split(",")).filter(guard))];

/**
 * Reads the list query from URL search parameters. Unknown values are dropped rather than
 * rejected: a stale bookmark should still open the list.
 */
export function parseRequestListQuery(params: URLSearchParams): RequestListQuery {
  const sort = params.get("sort");
  const due = params.get("due");
  const within = Number(params.get("within"));
  const cursor = params.get("after") ?? params.get("before");
  return {
    types: pick(params.getAll("type"), isRequestType),
    statuses: pick(params.getAll("status"), isRequestStatus),
    sources: pick(params.getAll("source"), isRequestSource),
    due: (DUE_FILTERS as readonly string[]).includes(due ?? "") ? (due as DueFilter) : null,
    dueWithinDays: Number.isInteger(within) && within > 0 && within <= 365 ? within : DEFAULT_DUE_SOON_DAYS,
    search: (params.get("q") ?? "").trim().slice(0, 200),
    sort: (LIST_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ListSort) : "received_desc",
    cursor: cursor && decodeCursor(cursor) ? cursor : null,
    direction: params.get("before") && !params.get("after") ? "previous" : "next",
  };
}

interface CursorKey {
  at: Date;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at.toISOString(), key.id])).toString("base64url");
}

export function decodeCursor(cursor: string): CursorKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== "string" || typeof id !== "string" || id.length > 64) return null;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : { at: date, id };
  } catch {
    return null;
  }
}

const REFERENCE_PATTERN = /^PD-\d{4}-\d{5}$/i;
const SERIAL_PATTERN = /^\d{1,5}$/;

/**
 * The serial of a search term that is a reference's number alone ("42" or "00042" for
 * "PD-2026-00042"), or null for any other term. Such a term needs the shop's reference years.
 */
export function searchedSerial(search: string): number | null {
  const term = search.trim();
  return SERIAL_PATTERN.test(term) ? Number(term) : null;
}

/**
 * One search box, three meanings, each answerable from an index: a reference (exact, or its
 * prefix), an email address (exact, lower-cased as stored), or the start of a name.
 * Prefixes are written as ranges rather than LIKE so both SQLite and PostgreSQL use the b-tree.
 * `referenceYears` are the years the shop has numbered references in (its ReferenceCounter rows);
 * only a serial-alone term uses them.
 */
export function searchCondition(search: string, referenceYears: readonly number[]): Prisma.PrivacyRequestWhereInput | null {
  const term = search.trim();
  if (!term) return null;
  if (REFERENCE_PATTERN.test(term)) return { reference: term.toUpperCase() };
  if (/^PD-/i.test(term)) return prefix("reference", term.toUpperCase());
  if (term.includes("@")) {
    const lower = term.toLowerCase();
    return { email: lower === term ? term : { in: [term, lower] } };
  }
  const serial = searchedSerial(term);
  if (serial !== null) {
    // The shopper quoting only the number of "PD-2026-00042": that serial in every year the shop
    // has numbered in. Spelt out as full references (not a suffix match, which no b-tree can
    // answer) so each is one seek on the unique (shop, reference) index.
    const name = prefix("customerName", term);
    if (!referenceYears.length) return name;
    const references = [...new Set(referenceYears)].sort((a, b) => a - b).map((year) => formatReference(year, serial));
    return { OR: [name, { reference: { in: references } }] };
  }
  return prefix("customerName", term);
}

function prefix(field: "reference" | "customerName", term: string): Prisma.PrivacyRequestWhereInput {
  return { [field]: { gte: term, lt: `${term}\u{10FFFF}` } };
}

/** The years the shop has numbered references in: one row per (shop, year) in ReferenceCounter. */
export async function readReferenceYears(db: Db, shop: string): Promise<number[]> {
  const counters = await db.referenceCounter.findMany({ where: { shop }, select: { year: true }, orderBy: { year: "asc" } });
  return counters.map((counter) => counter.year);
}

export function listWhere(
  shop: string,
  query: RequestListQuery,
  now: Date,
  referenceYears: readonly number[],
  timeZone: string = DEFAULT_SHOP_TIME_ZONE,
): Prisma.PrivacyRequestWhereInput {
  const and: Prisma.PrivacyRequestWhereInput[] = [{ shop }];
  if (query.types.length) and.push({ type: { in: query.types } });
  if (query.sources.length) and.push({ source: { in: query.sources } });
  if (query.statuses.length) and.push({ status: { in: query.statuses } });
  if (query.due) {
    and.push({ status: { in: [...OPEN_STATUSES] } });
    and.push(
      query.due === "overdue"
        ? { dueAt: { lt: now } }
        : { dueAt: { gte: now, lte: dueSoonLimit(now, query.dueWithinDays, timeZone) } },
    );
  }
  const search = searchCondition(query.search, referenceYears);
  if (search) and.push(search);
  return { AND: and };
}

const LIST_SELECT = {
  id: true,
  reference: true,
  type: true,
  source: true,
  status: true,
  customerName: true,
  email: true,
  receivedAt: true,
  dueAt: true,
  closedAt: true,
  identityStatus: true,
  isAgent: true,
  language: true,
} as const satisfies Prisma.PrivacyRequestSelect;

export type RequestListRow = Prisma.PrivacyRequestGetPayload<{ select: typeof LIST_SELECT }>;

export interface RequestListPage {
  rows: RequestListRow[];
  /** Cursor of the page after this one, or null on the last page. */
  next: string | null;
  /** Cursor of the page before this one, or null on the first page. */
  previous: string | null;
}

function sortKey(sort: ListSort) {
  const field = sort.startsWith("due") ? ("dueAt" as const) : ("receivedAt" as const);
  const descending = sort.endsWith("_desc");
  return { field, descending };
}

export async function listRequests(
  db: Db,
  shop: string,
  query: RequestListQuery,
  options: { now?: Date; pageSize?: number; timeZone?: string } = {},
): Promise<RequestListPage> {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const { field, descending } = sortKey(query.sort);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const backwards = Boolean(cursor) && query.direction === "previous";
  // Reading backwards flips the order; the page is turned back round below.
  const readDescending = backwards ? !descending : descending;
  // Only a serial-alone search needs the years; every other query stays a single read.
  const years = searchedSerial(query.search) === null ? [] : await readReferenceYears(db, shop);
  const where = listWhere(shop, query, now, years, options.timeZone);
  if (cursor) {
    const beyond = readDescending ? "lt" : "gt";
    (where.AND as Prisma.PrivacyRequestWhereInput[]).push({
      OR: [{ [field]: { [beyond]: cursor.at } }, { [field]: cursor.at, id: { [beyond]: cursor.id } }],
    });
  }
  const order = readDescending ? "desc" : "asc";
  const found = await db.privacyRequest.findMany({
    where,
    select: LIST_SELECT,
    orderBy: [{ [field]: order }, { id: order }],
    take: pageSize + 1,
  });
  const more = found.length > pageSize;
  const rows = found.slice(0, pageSize);
  if (backwards) rows.reverse();
  const keyOf = (row: RequestListRow) => encodeCursor({ at: row[field], id: row.id });
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && (backwards ? Boolean(cursor) : more) ? keyOf(last) : null,
    previous: first && (backwards ? more : Boolean(cursor)) ? keyOf(first) : null,
  };
}

/** Counting stops here: past it the list says "more than N", so a count never reads a whole large shop. */
export const COUNT_CAP = 1000;

/** How many requests match the filters (not the page), up to COUNT_CAP + 1. */
export async function countRequests(
  db: Db,
  shop: string,
  query: RequestListQuery,
  now = new Date(),
  timeZone: string = DEFAULT_SHOP_TIME_ZONE,
): Promise<{ count: number; capped: boolean }> {
  const years = searchedSerial(query.search) === null ? [] : await readReferenceYears(db, shop);
  const count = await db.privacyRequest.count({ where: listWhere(shop, query, now, years, timeZone), take: COUNT_CAP + 1 });
  return count > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count, capped: false };
}

export const LIST_VOCABULARY = { types: REQUEST_TYPES, statuses: REQUEST_STATUSES, sources: REQUEST_SOURCES };
