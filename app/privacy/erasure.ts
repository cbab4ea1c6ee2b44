// Erasure for Shopify's customers/redact and shop/redact. What stays is an ErasureReceipt: when,
// what kind, the outcome and counts, and keyed hashes that prove which subject without naming it.
import { Prisma as SqlitePrisma } from "#prisma/sqlite";
import type { Db, Prisma } from "../db.factory";
import { rawParameters, recheckOnly, sqlDialect } from "../db.directSql";
import { findInChunks, IDS_PER_STATEMENT, inChunks } from "../db.chunks";
import { requestSubjectHashes, subjectLookup, type DataSubject } from "./dataSubject";
import { customerHash, emailSubjectHash, shopHash } from "./keyedHash";
import { OPEN_STATUSES } from "./requests/requestTypes";
import { queueFlowTriggers } from "./flow/flowOutbox";
import { loadDeskSettings } from "./requests/deskSettings";

type Client = Db | Prisma.TransactionClient;

export type ErasureSubject = DataSubject;

/** Tables an erasure rewrites or deletes from: their freed space is reclaimed afterwards. */
export const ERASURE_TABLES = [
  "PrivacyRequest",
  "RequestEvent",
  "ConsentRecord",
  "FormSubmission",
  "OutboundMail",
  "Job",
  "WebhookEvent",
  "ProvisionRecord",
  "IdentityToken",
  "FlowTriggerEvent",
  "AccountDownloadGrant",
  "PackageDelivery",
] as const;

export interface CustomerErasureCounts {
  requests: number;
  requestsClosed: number;
  timelineEntries: number;
  consentRecords: number;
  formSubmissions: number;
  jobs: number;
  mails: number;
  webhookPayloads: number;
  provisionRecords: number;
  identityTokens: number;
  flowTriggers: number;
  downloadGrants: number;
  deliveries: number;
}

const noCounts = (): CustomerErasureCounts => ({
  requests: 0,
  requestsClosed: 0,
  timelineEntries: 0,
  consentRecords: 0,
  formSubmissions: 0,
  jobs: 0,
  mails: 0,
  webhookPayloads: 0,
  provisionRecords: 0,
  identityTokens: 0,
  flowTriggers: 0,
  downloadGrants: 0,
  deliveries: 0,
});

/**
 * Marks a shop's waiting deliveries done with their payload gone. Raw, so that SQLite reaches the
 * rows by their ids (recheckOnly): planned on a (shop, ...) index it read every event of the shop.
 */
function supersedeDeliveries(db: Client, shop: string, ids: string[], now: Date): Promise<number> {
  const dialect = sqlDialect(db);
  const { args, bind } = rawParameters(dialect);
  return db.$executeRawUnsafe(
    `UPDATE "WebhookEvent" SET "payload" = '', "subjectKey" = NULL, "status" = 'done', "processedAt" = ${bind(now)}, "lockedBy" = NULL, "lockedAt" = NULL, "lastError" = NULL` +
      ` WHERE ${recheckOnly(dialect, "shop")} = ${bind(shop)} AND "id" IN (${ids.map(bind).join(", ")})`,
    ...args,
  );
}

/** Rows found by more than one key, once. */
function unique<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}

/**
 * Which of the subjects (by position) each key belongs to; the first one wins, so when one batch
 * names a person twice the second finds nothing left, exactly as if they had run one after the other.
 */
class Owners {
  private readonly byKey = new Map<string, number>();

  add(kind: string, values: Iterable<string>, index: number) {
    for (const value of values) if (!this.byKey.has(`${kind}\u0000${value}`)) this.byKey.set(`${kind}\u0000${value}`, index);
  }

  /** The first subject any of the row's keys belongs to. */
  of(keys: Array<[kind: string, value: string | null | undefined]>): number {
    let owner = Number.POSITIVE_INFINITY;
    for (const [kind, value] of keys) {
      if (value === null || value === undefined || value === "") continue;
      const index = this.byKey.get(`${kind}\u0000${value}`);
      if (index !== undefined && index < owner) owner = index;
    }
    return owner;
  }

  values(kind: string): string[] {
    const prefix = `${kind}\u0000`;
    return [...this.byKey.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }
}

/** The columns of a row an erasure finds by a key: what it needs to tell whose the row is. */
export interface KeyedRow {
  id: string;
  requestId: string | null;
  shopifyCustomerId: string | null;
  emailHash: string | null;
  phoneHash: string | null;
  subjectKey: string | null;
  subjectHash: string | null;
  status: string | null;
}

const KEYED_COLUMNS = ["requestId", "shopifyCustomerId", "emailHash", "phoneHash", "subjectKey", "subjectHash", "status"] as const;

/** Which of KEYED_COLUMNS each table has (the rest are selected as NULL). */
const KEYED_TABLES = {
  PrivacyRequest: ["shopifyCustomerId", "emailHash", "phoneHash", "status"],
  FlowTriggerEvent: ["requestId", "shopifyCustomerId"],
  ConsentRecord: ["subjectKey", "shopifyCustomerId"],
  FormSubmission: ["requestId", "subjectHash"],
  ProvisionRecord: ["shopifyCustomerId", "subjectHash"],
  RequestEvent: ["requestId"],
  IdentityToken: ["requestId"],
  Job: ["requestId"],
  OutboundMail: ["requestId"],
  AccountDownloadGrant: ["requestId"],
  PackageDelivery: ["requestId"],
} as const satisfies Record<string, ReadonlyArray<(typeof KEYED_COLUMNS)[number]>>;

type KeyedTable = keyof typeof KEYED_TABLES;
/** A look-up: rows of `table` of the shop whose `column` is one of `values`, reported under `kind`. */
type KeyedLookUp<K extends string> = readonly [kind: K, table: KeyedTable, column: (typeof KEYED_COLUMNS)[number], values: string[]];

/**
 * Several look-ups by key in one statement: a UNION ALL of one SELECT per look-up, each `WHERE
 * shop = ? AND <key> IN (...)` and so served by that key's (shop, key) index, exactly as the
 * separate statements were. Through Prisma each statement costs more in its query compiler and
 * interpreter than in the database, and a shop's batch of erasures made about a dozen of them.
 */
async function keyedRows<K extends string>(db: Client, shop: string, lookUps: ReadonlyArray<KeyedLookUp<K>>): Promise<Partial<Record<K, KeyedRow[]>>> {
  const found: Partial<Record<K, KeyedRow[]>> = {};
  const live = lookUps.filter(([, , , values]) => values.length);
  const rounds = Math.max(0, ...live.map(([, , , values]) => Math.ceil(values.length / IDS_PER_STATEMENT)));
  const dialect = sqlDialect(db);
  for (let round = 0; round < rounds; round++) {
    const { args, bind: placeholder } = rawParameters(dialect);
    const selects: string[] = [];
    for (const [kind, table, column, values] of live) {
      const chunk = values.slice(round * IDS_PER_STATEMENT, (round + 1) * IDS_PER_STATEMENT);
      if (!chunk.length) continue;
      const has: readonly string[] = KEYED_TABLES[table];
      const columns = KEYED_COLUMNS.map((name) => (has.includes(name) ? `"${name}"` : `CAST(NULL AS TEXT) AS "${name}"`));
      // Kinds are the caller's constants, never input (checked); values go in as bound parameters.
      if (!/^[A-Za-z]+$/.test(kind)) throw new Error("a look-up's kind is a plain word");
      selects.push(
        `SELECT '${kind}' AS "kind", "id", ${columns.join(", ")} FROM "${table}" WHERE "shop" = ${placeholder(shop)} AND "${column}" IN (${chunk.map(placeholder).join(", ")})`,
      );
    }
    const rows = await db.$queryRawUnsafe<Array<KeyedRow & { kind: K }>>(selects.join(" UNION ALL "), ...args);
    for (const { kind, ...row } of rows) (found[kind] ??= []).push(row);
  }
  return found;
}

/** Deletes rows of the shop found by keyedRows, by id. */
function deleteByIds(db: Client, model: "identityToken" | "job" | "outboundMail" | "accountDownloadGrant" | "packageDelivery", shop: string, ids: string[]) {
  const where = { shop, id: { in: ids } };
  switch (model) {
    case "identityToken":
      return db.identityToken.deleteMany({ where });
    case "job":
      return db.job.deleteMany({ where });
    case "outboundMail":
      return db.outboundMail.deleteMany({ where });
    case "accountDownloadGrant":
      return db.accountDownloadGrant.deleteMany({ where });
    case "packageDelivery":
      return db.packageDelivery.deleteMany({ where });
  }
}

/**
 * Requests written before their hash columns existed get them now, so the look-up below can rely
 * on them. The (shop, emailHash) index finds such rows; after the first erasure there are none.
 */
async function fillRequestHashes(db: Client, shop: string): Promise<void> {
  for (;;) {
    const rows = await db.privacyRequest.findMany({ where: { shop, emailHash: null }, select: { id: true, email: true, phone: true }, take: 500 });
    for (const row of rows) {
      // Keyed as given, as rows of their time were: the look-up reads the phone's other forms too.
      await db.privacyRequest.update({ where: { id: row.id }, data: requestSubjectHashes(shop, row, null) });
    }
    if (rows.length < 500) return;
  }
}

function assertIdentified(lookup: ReturnType<typeof subjectLookup>): void {
  if (!lookup.customerId && !lookup.email && !lookup.phone) throw new Error("an erasure needs a customer id, email or phone");
}

/**
 * Throws for a subject that eraseCustomers refuses (no customer id, email or phone), without a
 * database: the worker checks each redact before its batch's transaction, which one such subject
 * would otherwise fail for the whole shop. The shop's country only adds phone forms, so none is needed.
 */
export function checkErasureSubject(shop: string, subject: ErasureSubject): void {
  assertIdentified(subjectLookup(shop, subject, null));
}

/**
 * Erases everything identifying one customer of one shop. See eraseCustomers.
 */
export async function eraseCustomer(db: Client, shop: string, subject: ErasureSubject, now = new Date()): Promise<CustomerErasureCounts> {
  const [counts] = await eraseCustomers(db, shop, [subject], now);
  return counts;
}

/**
 * Erases everything identifying each of several customers of one shop, in a few statements for the
 * whole batch, and records one anonymised receipt per subject (in order; a subject named twice gets
 * a second receipt with nothing left to count). Every row is found through a key recorded when it
 * was written: the customer id, the keyed email and phone hashes, the ledger's subject keys, or the
 * id of one of the person's requests; every statement is served by an index, none searches text.
 * Requests stay as anonymous records (so the desk's counts and deadlines stay true); an open one is
 * closed as completed by Shopify's erasure. Audit entries are not touched: they hold ids and counts,
 * never a person's data (records/audit.ts). Call `reclaimErasedSpace` after the transaction commits.
 */
export async function eraseCustomers(db: Client, shop: string, subjects: ErasureSubject[], now = new Date()): Promise<CustomerErasureCounts[]> {
  // The shop's settings, read once: its country has a phone looked up in its E.164 and national
  // forms, and its Flow switch decides the "closed" triggers below.
  const settings = await loadDeskSettings(db, shop);
  const lookups = subjects.map((subject) => subjectLookup(shop, subject, settings.shopCountry));
  const owners = new Owners();
  lookups.forEach((lookup, index) => {
    assertIdentified(lookup);
    if (lookup.customerId) owners.add("customer", [lookup.customerId], index);
    owners.add("email", lookup.emailHashes, index);
    owners.add("phone", lookup.phoneHashes, index);
    owners.add("subject", lookup.subjectKeys, index);
    owners.add("form", [...lookup.emailHashes, ...lookup.customerHashes], index);
  });
  const counts = lookups.map(noCounts);
  const count = (owner: number, field: keyof CustomerErasureCounts, n = 1) => {
    if (Number.isFinite(owner)) counts[owner][field] += n;
  };
  const customerIds = owners.values("customer");
  const emailHashes = owners.values("email");
  const phoneHashes = owners.values("phone");
  const subjectKeys = owners.values("subject");
  const formHashes = owners.values("form");

  // Deliveries that still hold the person's data (a waiting data request or consent update, a
  // failed event) are superseded: their payload goes and they will not be processed. Waiting
  // customers/redact deliveries are left to run; each finds nothing more and clears itself. An
  // event another worker holds loses its lock, so that worker's transaction rolls back.
  // This comes before the person's rows are looked up: on PostgreSQL another instance may be
  // processing one of these deliveries right now. The UPDATE waits for that transaction; once it
  // has committed, the look-ups below (each statement a new snapshot under READ COMMITTED) see
  // what it wrote (a request opened by a data request received before this redact) and erase it.
  // Looked up afterwards, the request was invisible to the erasure and survived it.
  if (subjectKeys.length) {
    const deliveries = await findInChunks(subjectKeys, (keys) =>
      db.webhookEvent.findMany({
        where: {
          shop,
          subjectKey: { in: keys },
          OR: [{ status: "failed" }, { status: { in: ["pending", "processing"] }, topic: { not: "customers/redact" } }],
        },
        select: { id: true, subjectKey: true },
      }),
    );
    for (const row of deliveries) count(owners.of([["subject", row.subjectKey]]), "webhookPayloads");
    await inChunks(deliveries.map((row) => row.id), (ids) => supersedeDeliveries(db, shop, ids, now));
  }

  await fillRequestHashes(db, shop);
  // Every row found by the person's own keys, in one statement for the batch (keyedRows).
  const byKeys = await keyedRows(db, shop, [
    ["request", "PrivacyRequest", "shopifyCustomerId", customerIds],
    ["request", "PrivacyRequest", "emailHash", emailHashes],
    ["request", "PrivacyRequest", "phoneHash", phoneHashes],
    ["flow", "FlowTriggerEvent", "shopifyCustomerId", customerIds],
    ["consent", "ConsentRecord", "subjectKey", subjectKeys],
    ["consent", "ConsentRecord", "shopifyCustomerId", customerIds],
    ["form", "FormSubmission", "subjectHash", formHashes],
    ["provision", "ProvisionRecord", "shopifyCustomerId", customerIds],
    ["provision", "ProvisionRecord", "subjectHash", emailHashes],
  ]);
  const requests = unique(byKeys.request ?? []).map((row) => ({ id: row.id, status: row.status ?? "", shopifyCustomerId: row.shopifyCustomerId, emailHash: row.emailHash, phoneHash: row.phoneHash }));
  const requestOwner = new Map<string, number>();
  for (const request of requests) {
    const owner = owners.of([["customer", request.shopifyCustomerId], ["email", request.emailHash], ["phone", request.phoneHash]]);
    requestOwner.set(request.id, owner);
    count(owner, "requests");
  }
  const requestIds = requests.map((request) => request.id);
  const ownerOfRequest = (requestId: string | null) => (requestId ? (requestOwner.get(requestId) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY);

  // The rows that exist for one of those requests, by its id, again in one statement.
  const forRequests = await keyedRows(db, shop, [
    ["timeline", "RequestEvent", "requestId", requestIds],
    ["identityToken", "IdentityToken", "requestId", requestIds],
    ["job", "Job", "requestId", requestIds],
    ["outboundMail", "OutboundMail", "requestId", requestIds],
    ["accountDownloadGrant", "AccountDownloadGrant", "requestId", requestIds],
    ["packageDelivery", "PackageDelivery", "requestId", requestIds],
    ["flowRequest", "FlowTriggerEvent", "requestId", requestIds],
    ["formRequest", "FormSubmission", "requestId", requestIds],
  ]);
  if (requestIds.length) {
    for (const row of forRequests.timeline ?? []) count(ownerOfRequest(row.requestId), "timelineEntries");
    await inChunks(requestIds, (ids) => db.requestEvent.updateMany({ where: { shop, requestId: { in: ids } }, data: { detail: "{}" } }));
    // A request filed by a logged-in customer names them as the actor of its first entries.
    const customerActors = customerIds.map((id) => `customer:${id}`);
    if (customerActors.length) {
      await inChunks(requestIds, (ids) =>
        db.requestEvent.updateMany({ where: { shop, requestId: { in: ids }, actor: { in: customerActors } }, data: { actor: "shopper" } }),
      );
    }
    const open = requests.filter((request) => (OPEN_STATUSES as readonly string[]).includes(request.status));
    if (open.length) {
      const openIds = open.map((request) => request.id);
      await inChunks(openIds, (ids) => db.privacyRequest.updateMany({ where: { shop, id: { in: ids } }, data: { status: "completed", closedAt: now, decisionNote: null } }));
      await db.requestEvent.createMany({
        data: open.map((request) => ({
          shop,
          requestId: request.id,
          at: now,
          actor: "shopify",
          action: "completed",
          detail: JSON.stringify({ reason: "shopify_customer_redact" }),
        })),
      });
      for (const request of open) count(ownerOfRequest(request.id), "requestsClosed");
    }
    await inChunks(requestIds, (ids) =>
      db.privacyRequest.updateMany({
        where: { shop, id: { in: ids } },
        data: {
          customerName: "",
          email: "",
          phone: "",
          emailHash: "",
          phoneHash: "",
          orderName: "",
          message: "",
          requestedChanges: "{}",
          agentName: "",
          agentRelationship: "",
          agentAuthorityNote: "",
          shopifyCustomerId: null,
          ordersRequested: "[]",
          shopifyDataRequestId: null,
          identityVerifiedBy: null,
          decisionNote: null,
          extensionReason: null,
          refusalGround: null,
          redacted: true,
        },
      }),
    );
    // Rows that exist for a request: found by its id, which is the person's key once removed.
    const byRequest = [
      ["identityTokens", "identityToken"],
      ["jobs", "job"],
      ["mails", "outboundMail"],
      ["downloadGrants", "accountDownloadGrant"],
      ["deliveries", "packageDelivery"],
    ] as const;
    for (const [field, kind] of byRequest) {
      const rows = forRequests[kind] ?? [];
      for (const row of rows) count(ownerOfRequest(row.requestId), field);
      await inChunks(rows.map((row) => row.id), (ids) => deleteByIds(db, kind, shop, ids));
    }
  }

  // Flow triggers name the customer by id; sent or not, they go with the customer.
  const flowTriggers = unique([...(forRequests.flowRequest ?? []), ...(byKeys.flow ?? [])]);
  for (const row of flowTriggers) count(Math.min(ownerOfRequest(row.requestId), owners.of([["customer", row.shopifyCustomerId]])), "flowTriggers");
  await inChunks(flowTriggers.map((row) => row.id), (ids) => db.flowTriggerEvent.deleteMany({ where: { shop, id: { in: ids } } }));
  // A request the erasure closed is closed for the shop's Flow workflows as for any other closing
  // (lifecycle.ts): the "closed" trigger, queued now that the person's earlier ones are gone, and
  // naming no customer, since there is none any more.
  const closedByErasure = requests.filter((request) => (OPEN_STATUSES as readonly string[]).includes(request.status));
  if (closedByErasure.length) {
    // The rows queueFlowTrigger writes for each, in two statements for the lot; what a trigger
    // says of a request is read only when the shop has Flow's triggers on.
    if (settings.flowTriggersEnabled) {
      const facts = await findInChunks(closedByErasure.map((request) => request.id), (ids) =>
        db.privacyRequest.findMany({ where: { shop, id: { in: ids } }, select: { id: true, reference: true, type: true, dueAt: true } }),
      );
      await inChunks(facts, (chunk) =>
        queueFlowTriggers(db, "closed", chunk.map((request) => ({ ...request, shop, status: "completed", closedAt: now, shopifyCustomerId: null })), settings),
      );
    }
  }

  const consent = unique(byKeys.consent ?? []);
  for (const row of consent) count(owners.of([["subject", row.subjectKey], ["customer", row.shopifyCustomerId]]), "consentRecords");
  await inChunks(consent.map((row) => row.id), (ids) => db.consentRecord.deleteMany({ where: { shop, id: { in: ids } } }));

  const forms = unique([...(forRequests.formRequest ?? []), ...(byKeys.form ?? [])]);
  for (const row of forms) count(Math.min(ownerOfRequest(row.requestId), owners.of([["form", row.subjectHash]])), "formSubmissions");
  await inChunks(forms.map((row) => row.id), (ids) => db.formSubmission.deleteMany({ where: { shop, id: { in: ids } } }));

  // Provision records are kept for their legal retention period, but no longer say who.
  const provisions = unique(byKeys.provision ?? []);
  for (const row of provisions) count(owners.of([["customer", row.shopifyCustomerId], ["email", row.subjectHash]]), "provisionRecords");
  await inChunks(provisions.map((row) => row.id), (ids) =>
    db.provisionRecord.updateMany({ where: { shop, id: { in: ids } }, data: { shopifyCustomerId: null, subjectLabel: "", notes: "" } }),
  );

  await db.erasureReceipt.createMany({
    data: lookups.map((lookup, index) => ({
      shopHash: shopHash(shop),
      kind: "customer_redact",
      subjectHash: lookup.customerId ? customerHash(shop, lookup.customerId) : emailSubjectHash(shop, lookup.email ?? lookup.phone ?? ""),
      outcome: "erased",
      counts: JSON.stringify(counts[index]),
      performedAt: now,
    })),
  });
  return counts;
}

/** Every table a shop erasure deletes from. */
export const shopErasureTables = () => [...shopScopedModels(), "Shop"];

/** The Prisma models that hold a shop's data in a `shop` column (read from the generated client). */
export function shopScopedModels(): string[] {
  return SqlitePrisma.dmmf.datamodel.models.filter((model) => model.fields.some((field) => field.name === "shop")).map((model) => model.name);
}

const delegateName = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);

type DeleteManyDelegate = { deleteMany(args: { where: { shop: string } }): Promise<{ count: number }> };

/**
 * Deletes every row of a shop in every model with a `shop` column (new models are covered without
 * edits) plus the Shop row itself, then records an anonymised receipt. Other shops are untouched:
 * every statement is filtered by the exact shop domain.
 */
export async function eraseShop(db: Client, shop: string, now = new Date()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of shopScopedModels()) {
    const delegate = (db as unknown as Record<string, DeleteManyDelegate>)[delegateName(model)];
    const { count } = await delegate.deleteMany({ where: { shop } });
    counts[model] = count;
  }
  counts.Shop = (await db.shop.deleteMany({ where: { domain: shop } })).count;
  await db.erasureReceipt.create({
    data: { shopHash: shopHash(shop), kind: "shop_redact", subjectHash: null, outcome: "erased", counts: JSON.stringify(counts), performedAt: now },
  });
  return counts;
}

/** How long one try of SQLite's truncating checkpoint may wait for readers (it holds writers off meanwhile). */
const CHECKPOINT_WAIT_MS = 5;

/**
 * Makes erased data unrecoverable from the database files. SQLite overwrites freed cells itself
 * (secure_delete, set in prepareDatabase) but older page images stay in the WAL until a truncating
 * checkpoint; PostgreSQL keeps dead tuples until VACUUM.
 */
export async function reclaimErasedSpace(db: Db, provider: "sqlite" | "postgresql", tables: readonly string[] = ERASURE_TABLES): Promise<void> {
  if (provider === "sqlite") {
    // A truncating checkpoint keeps every other writer out while it is pending, including while
    // SQLite's busy handler waits for readers of the log to finish: with the connection's 5 s busy
    // timeout that stopped acknowledgements for up to 5 s. So it waits at most a few milliseconds
    // at a time, and between tries (on a timer) the other connections write.
    // Copy the log into the database first without holding writers off (the copy and its sync
    // are most of a checkpoint's time); the truncating one then has only the last frames left.
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
    const [previous] = await db.$queryRawUnsafe<Array<{ timeout: number | bigint }>>("PRAGMA busy_timeout");
    await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${CHECKPOINT_WAIT_MS}`);
    try {
      for (let attempt = 0; attempt < 50; attempt++) {
        const [result] = await db.$queryRawUnsafe<Array<{ busy: number | bigint }>>("PRAGMA wal_checkpoint(TRUNCATE)");
        if (Number(result?.busy ?? 0) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${Number(previous?.timeout ?? 0)}`);
    }
    throw new Error("WAL checkpoint stayed busy");
  }
  for (const table of new Set(tables)) {
    await db.$executeRawUnsafe(`VACUUM "${table}"`);
  }
}
