// Reading the ledger for the admin: filtered lists, one subject's history and current state,
// counts over time, and the CSV export. Read-only by design: the ledger is never changed here.
import type { Db } from "../../db.factory";
import { lastPurposesChange } from "../policy/publishedPolicy";
import { compareChoices, deriveConsentState, needsRenewal, type CurrentConsent, type LedgerChoice } from "./consentState";
import { CONSENT_KINDS, isConsentKind, isConsentSource, type ConsentKind } from "./consentTypes";
import type { ConsentRecord } from "./ledger";
import { customerSubjectKey, emailSubjectKeys, isSubjectType, normaliseCustomerId, type SubjectType } from "./subject";
import { subjectTypeOf, type SubjectView } from "./subjectLabel";

// A subject named by the id of one of its rows (cuid), and how such a name waits for its look-up.
const ROW_REF = /^[a-z0-9]{20,40}$/;
const UNRESOLVED = "ref:";

export interface ConsentFilters {
  kind?: string;
  source?: string;
  granted?: boolean;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** One subject: its key, or for an email every key it may be stored under (hash keys rotate). */
  subjectKeys?: string[];
  /** Customers, people known by email only, or anonymous storefront visitors. */
  subjectType?: SubjectType;
}

/**
 * Reads filters from query parameters; anything unrecognised is dropped, never trusted. `q` finds
 * one person by customer id, or by email, which is hashed here and never stored or logged.
 */
export function parseConsentFilters(params: URLSearchParams, shop?: string): ConsentFilters {
  const filters: ConsentFilters = {};
  const query = params.get("q")?.trim() ?? "";
  const subject = params.get("subject") ?? "";
  const customerParam = /^customer:([0-9]{1,20})$/.exec(subject);
  if (customerParam) filters.subjectKeys = [customerSubjectKey(customerParam[1])];
  // A first-row reference matches nothing until resolveSubjectRef has looked it up.
  else if (ROW_REF.test(subject)) filters.subjectKeys = [`${UNRESOLVED}${subject}`];
  else if (subject) filters.subjectKeys = ["none:"];
  else if (query) {
    const customerId = normaliseCustomerId(query.replace(/^#/, ""));
    if (customerId) filters.subjectKeys = [customerSubjectKey(customerId)];
    else if (shop && query.includes("@")) filters.subjectKeys = emailSubjectKeys(shop, query);
    // Anything else matches no one rather than everyone.
    else filters.subjectKeys = ["none:"];
  }
  const kind = params.get("kind");
  if (isConsentKind(kind)) filters.kind = kind;
  const subjectType = params.get("subject_type");
  if (isSubjectType(subjectType)) filters.subjectType = subjectType;
  const source = params.get("source");
  if (isConsentSource(source)) filters.source = source;
  const granted = params.get("granted");
  if (granted === "true" || granted === "false") filters.granted = granted === "true";
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const from = params.get("from");
  if (from && day.test(from) && !Number.isNaN(Date.parse(`${from}T00:00:00Z`))) filters.from = new Date(`${from}T00:00:00Z`);
  const to = params.get("to");
  if (to && day.test(to) && !Number.isNaN(Date.parse(`${to}T00:00:00Z`))) filters.to = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return filters;
}

/** Replaces a first-row reference in the filters by the subject key it names, within the shop. */
export async function resolveSubjectRef(db: Db, shop: string, filters: ConsentFilters): Promise<ConsentFilters> {
  const ref = filters.subjectKeys?.[0];
  if (!ref?.startsWith(UNRESOLVED)) return filters;
  const key = await subjectKeyOfRef(db, shop, ref.slice(UNRESOLVED.length));
  return { ...filters, subjectKeys: [key ?? "none:"] };
}

/**
 * The subject a page or link names: `customer:<id>`, or the id of one of its ledger rows (another
 * shop's row is no one). Null when it names no one.
 */
export async function subjectKeyOfRef(db: Db, shop: string, param: string): Promise<string | null> {
  const customer = /^customer:([0-9]{1,20})$/.exec(param);
  if (customer) return customerSubjectKey(customer[1]);
  if (!ROW_REF.test(param)) return null;
  const row = await db.consentRecord.findFirst({ where: { shop, id: param }, select: { subjectKey: true } });
  return row?.subjectKey ?? null;
}

/**
 * How each subject may be named outside the app: the customer id, or the id of its first ledger
 * row (rows are never changed, so the reference stays the same until the subject is erased).
 */
export async function subjectViews(db: Db, shop: string, subjectKeys: string[]): Promise<Map<string, SubjectView>> {
  const views = new Map<string, SubjectView>();
  const hashed: string[] = [];
  for (const key of new Set(subjectKeys)) {
    if (key.startsWith("customer:")) views.set(key, { type: "customer", ref: key.slice("customer:".length) });
    else hashed.push(key);
  }
  if (hashed.length) {
    const firsts = await db.consentRecord.groupBy({ by: ["subjectKey"], where: { shop, subjectKey: { in: hashed } }, _min: { id: true } });
    for (const first of firsts) views.set(first.subjectKey, { type: subjectTypeOf(first.subjectKey), ref: first._min.id ?? "" });
  }
  return views;
}

export function consentWhere(shop: string, filters: ConsentFilters) {
  const subjectKey = {
    ...(filters.subjectKeys ? { in: filters.subjectKeys } : {}),
    // Every key starts with its type and a colon (subject.ts).
    ...(filters.subjectType ? { startsWith: `${filters.subjectType}:` } : {}),
  };
  return {
    shop,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.granted !== undefined ? { granted: filters.granted } : {}),
    ...(filters.subjectKeys || filters.subjectType ? { subjectKey } : {}),
    ...(filters.from || filters.to ? { choiceAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } } : {}),
  };
}

export const PAGE_SIZE = 50;

export async function listConsentRecords(db: Db, shop: string, filters: ConsentFilters, page = 1) {
  const where = consentWhere(shop, filters);
  const safePage = Number.isInteger(page) && page > 0 ? page : 1;
  const [records, total, purposesVersion] = await Promise.all([
    db.consentRecord.findMany({
      where,
      orderBy: [{ choiceAt: "desc" }, { recordedAt: "desc" }, { id: "asc" }],
      skip: (safePage - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.consentRecord.count({ where }),
    lastPurposesChange(db, shop),
  ]);
  return {
    records: records.map((record) => ({ ...record, needsRenewal: needsRenewal(record, purposesVersion) })),
    total,
    page: safePage,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export async function subjectHistory(db: Db, shop: string, subjectKey: string) {
  const [records, purposesVersion] = await Promise.all([
    db.consentRecord.findMany({ where: { shop, subjectKey }, orderBy: [{ choiceAt: "desc" }, { recordedAt: "desc" }] }),
    lastPurposesChange(db, shop),
  ]);
  const state = deriveConsentState(records, purposesVersion);
  const current: CurrentConsent<ConsentRecord>[] = CONSENT_KINDS.flatMap((kind) => {
    const entry = state.get(kind);
    return entry ? [entry] : [];
  });
  return { records, current, purposesVersion };
}

/** The current state of one subject, for other features (e.g. checking marketing consent before mailing). */
export async function currentConsent(db: Db, shop: string, subjectKey: string) {
  return (await subjectHistory(db, shop, subjectKey)).current;
}

export interface RenewalCounts {
  /** Customers and people known by email: they can be told about the new purposes. */
  people: number;
  /** Anonymous storefront visitors: no way to reach them, so they are counted apart. */
  visitors: number;
  purposesVersion: number | null;
}

// Rows read per query while counting. Memory stays at one page plus one subject's latest choice
// per kind, however large the shop's ledger grows.
const RENEWAL_PAGE_ROWS = 1000;

const renewalSelect = { id: true, subjectKey: true, kind: true, granted: true, choiceAt: true, source: true, policyVersion: true, evidence: true } as const;

/**
 * How many subjects hold a granted consent given under a version older than the last purpose
 * change, split into people who can be told and anonymous visitors. Derived per subject with the
 * same rule as deriveConsentState (latest choice per kind by compareChoices), so a later renewal
 * or withdrawal clears the flag without changing old rows. Reads the ledger in pages ordered by
 * subject (the (shop, subjectKey, …) index), keeping only the current subject's latest choices.
 */
export async function countNeedingRenewal(db: Db, shop: string, pageRows = RENEWAL_PAGE_ROWS): Promise<RenewalCounts> {
  const purposesVersion = await lastPurposesChange(db, shop);
  const counts: RenewalCounts = { people: 0, visitors: 0, purposesVersion };
  if (purposesVersion === null) return counts;

  let subjectKey: string | null = null;
  let latest = new Map<string, LedgerChoice>();
  const finishSubject = () => {
    if (subjectKey === null) return;
    if ([...latest.values()].some((choice) => needsRenewal(choice, purposesVersion))) {
      if (subjectKey.startsWith("visitor:")) counts.visitors++;
      else counts.people++;
    }
  };

  let after: { subjectKey: string; id: string } | null = null;
  for (;;) {
    const rows: Array<LedgerChoice & { id: string; subjectKey: string }> = await db.consentRecord.findMany({
      where: {
        shop,
        // Keyset paging: the range condition lets the index start at the last subject; the OR
        // only skips that subject's rows already read.
        ...(after
          ? { AND: [{ subjectKey: { gte: after.subjectKey } }, { OR: [{ subjectKey: { gt: after.subjectKey } }, { id: { gt: after.id } }] }] }
          : {}),
      },
      orderBy: [{ subjectKey: "asc" }, { id: "asc" }],
      take: pageRows,
      select: renewalSelect,
    });
    for (const row of rows) {
      if (row.subjectKey !== subjectKey) {
        finishSubject();
        subjectKey = row.subjectKey;
        latest = new Map();
      }
      const current = latest.get(row.kind);
      if (!current || compareChoices(row, current) > 0) latest.set(row.kind, row);
    }
    if (rows.length < pageRows) break;
    const last = rows[rows.length - 1];
    after = { subjectKey: last.subjectKey, id: last.id };
  }
  finishSubject();
  return counts;
}

export type Granularity = "day" | "week" | "month";

export interface CountsOverTime {
  buckets: string[];
  series: Array<{ kind: ConsentKind; granted: number[]; withdrawn: number[] }>;
}

function bucketOf(date: Date, granularity: Granularity): string {
  const day = date.toISOString().slice(0, 10);
  if (granularity === "day") return day;
  if (granularity === "month") return day.slice(0, 7);
  const monday = new Date(`${day}T00:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

function nextBucket(bucket: string, granularity: Granularity): string {
  if (granularity === "month") {
    const [year, month] = bucket.split("-").map(Number);
    return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  }
  const date = new Date(`${bucket}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + (granularity === "week" ? 7 : 1));
  return date.toISOString().slice(0, 10);
}

/** Choices per kind per day/week/month between from and to (UTC), with empty buckets filled. */
export async function countsByKindOverTime(db: Db, shop: string, from: Date, to: Date, granularity: Granularity): Promise<CountsOverTime> {
  const rows = await db.consentRecord.findMany({
    where: { shop, choiceAt: { gte: from, lt: to } },
    select: { kind: true, granted: true, choiceAt: true },
  });
  const buckets: string[] = [];
  const last = bucketOf(new Date(to.getTime() - 1), granularity);
  for (let bucket = bucketOf(from, granularity); bucket <= last && buckets.length < 400; bucket = nextBucket(bucket, granularity)) buckets.push(bucket);
  const index = new Map(buckets.map((bucket, i) => [bucket, i]));
  const series = CONSENT_KINDS.map((kind) => ({ kind, granted: buckets.map(() => 0), withdrawn: buckets.map(() => 0) }));
  for (const row of rows) {
    const kindSeries = series.find((entry) => entry.kind === row.kind);
    const i = index.get(bucketOf(row.choiceAt, granularity));
    if (!kindSeries || i === undefined) continue;
    (row.granted ? kindSeries.granted : kindSeries.withdrawn)[i]++;
  }
  return { buckets, series };
}
