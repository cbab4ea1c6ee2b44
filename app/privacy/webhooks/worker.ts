// Processes the inbox after the acknowledgement. Several app instances may share one PostgreSQL
// database: an event is claimed by a conditional UPDATE that only one of them can win, and a claim
// whose holder crashed is taken over once its lease has run out.
import type { Db, Prisma } from "../../db.factory";
import { rawParameters, recheckOnly, sqlDialect } from "../../db.directSql";
import { findInChunks } from "../../db.chunks";
import { parseWebhookJson } from "./payloadJson";
import { topicHandler, type TopicHandler, type TopicHandlerOptions, type WebhookEventInput } from "./topicHandlers";
import { normaliseCustomerId } from "../consent/subject";
import { normaliseEmail } from "../keyedHash";
import { normalisePhone } from "../dataSubject";

export const MAX_ATTEMPTS = 8;
export const LEASE_MS = 5 * 60_000;
const BASE_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export interface ClaimedEvent {
  id: string;
  shop: string;
  topic: string;
  payload: string;
  attempts: number;
  receivedAt: Date;
}

/** 10 s, 20 s, 40 s ... capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * How many events one claiming UPDATE takes. Each is its own transaction on SQLite and holds the
 * write lock that acknowledgements need while it rewrites its rows (the whole row, payload
 * included, and three indexes): one UPDATE of a 200-event batch held it for 55-90 ms under load,
 * and every acknowledgement arriving meanwhile waited that long (docs/benchmarks-backlog.md).
 * Between two of these the worker gives way to waiting acknowledgements (db.sqliteConnection.ts).
 */
export const CLAIM_ROWS_PER_STATEMENT = 25;

/**
 * Claims up to `limit` due events for `workerId`. Due pending events are taken by one conditional
 * UPDATE that repeats the state it read (pending and due): when two workers race for rows, the
 * database lets each row match only one of their UPDATEs (PostgreSQL re-checks the condition after
 * the other's commit; SQLite has one writer). A claim whose holder crashed is taken over row by
 * row, its lock time repeated, so only one worker takes it over. The claimed rows are then read
 * back by the lock this worker wrote.
 * The candidates come from two reads, one per kind, merged by receipt: each is served in the order
 * received by the (status, receivedAt) index and stops after `limit` rows. Read as one `OR`, both
 * kinds were gathered whole and sorted (every pending event of a 100,000 backlog, for each batch).
 */
export async function claimEvents(db: Db, workerId: string, now = new Date(), limit = 10, leaseMs = LEASE_MS): Promise<ClaimedEvent[]> {
  const staleBefore = new Date(now.getTime() - leaseMs);
  const oldestFirst = (where: Prisma.WebhookEventWhereInput) =>
    db.webhookEvent.findMany({ where, orderBy: { receivedAt: "asc" }, take: limit, select: { id: true, status: true, attempts: true, lockedAt: true, receivedAt: true } });
  const due = await oldestFirst({ status: "pending", nextAttemptAt: { lte: now } });
  const stale = await oldestFirst({ status: "processing", lockedAt: { lt: staleBefore } });
  const candidates = stale.length ? [...due, ...stale].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).slice(0, limit) : due;
  if (candidates.length === 0) return [];
  const claim = { status: "processing", lockedBy: workerId, lockedAt: now, attempts: { increment: 1 } } as const;
  const pending = candidates.filter((candidate) => candidate.status === "pending").map((candidate) => candidate.id);
  for (let start = 0; start < pending.length; start += CLAIM_ROWS_PER_STATEMENT) {
    const ids = pending.slice(start, start + CLAIM_ROWS_PER_STATEMENT);
    await claimPending(db, ids, workerId, now);
  }
  for (const stale of candidates.filter((candidate) => candidate.status === "processing")) {
    await db.webhookEvent.updateMany({ where: { id: stale.id, status: "processing", attempts: stale.attempts, lockedAt: stale.lockedAt }, data: claim });
  }
  const claimed = await findInChunks(
    candidates.map((candidate) => candidate.id),
    (ids) =>
      db.webhookEvent.findMany({
        where: { id: { in: ids }, lockedBy: workerId, lockedAt: now, status: "processing" },
        select: { id: true, shop: true, topic: true, payload: true, attempts: true, receivedAt: true },
      }),
  );
  // In the order the candidates were read (by receipt), whichever chunk a row came back in.
  const position = new Map(candidates.map((candidate, index) => [candidate.id, index]));
  return claimed.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/**
 * The claiming UPDATE of pending events found by their ids: it repeats the state it read (pending
 * and due), so only one of two racing workers takes a row. Raw, so that the rows are reached by
 * their primary key on SQLite too (recheckOnly): planned on the status index, each of the claim's
 * UPDATEs read the index entries of the whole backlog.
 */
function claimPending(db: Db, ids: string[], workerId: string, now: Date): Promise<number> {
  const dialect = sqlDialect(db);
  const { args, bind } = rawParameters(dialect);
  const sql =
    `UPDATE "WebhookEvent" SET "status" = 'processing', "lockedBy" = ${bind(workerId)}, "lockedAt" = ${bind(now)}, "attempts" = "attempts" + 1` +
    ` WHERE "id" IN (${ids.map(bind).join(", ")}) AND ${recheckOnly(dialect, "status")} = 'pending' AND ${recheckOnly(dialect, "nextAttemptAt")} <= ${bind(now)}`;
  return db.$executeRawUnsafe(sql, ...args);
}

export class LeaseLostError extends Error {
  name = "LeaseLostError";
}
export class UnhandledTopicError extends Error {
  name = "UnhandledTopicError";
}

/** Error kinds shown to the merchant: the class, never a message (messages can quote personal data). */
function errorKindOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${error.name}:${code}` : error.name;
  }
  return "Error";
}

export type ProcessOutcome = "done" | "retry" | "failed";

/**
 * A transaction of several events that was rolled back, its events then run one by one: told so
 * that a batch form failing on every batch (or claims lost to another worker) does not pass
 * unnoticed behind per-event outcomes that look like ordinary retries. Ids and the error's kind
 * only: the events' payloads and the error's message can hold personal data.
 */
export interface BatchFallback {
  /** The topics of the transaction's events, each once, in the order received. */
  topics: string[];
  errorKind: string;
  eventIds: string[];
}

export type OnBatchFallback = (fallback: BatchFallback) => void;

function batchFallback(events: ClaimedEvent[], error: unknown): BatchFallback {
  return { topics: [...new Set(events.map((event) => event.topic))], errorKind: errorKindOf(error), eventIds: events.map((event) => event.id) };
}

/** What the server logs of a fallback; each event's id is in the per-event line that follows (onResult). */
export function batchFallbackFields(fallback: BatchFallback): { topics: string; errorKind: string; events: number } {
  return { topics: fallback.topics.join(","), errorKind: fallback.errorKind, events: fallback.eventIds.length };
}

/** Runs the topic's handler and marks the event done in one transaction; the payload is cleared then. */
/**
 * `deferred`, when given, collects post-commit hooks instead of running them, so that a batch of
 * events of one kind (say, 50 erasures) reclaims space once rather than 50 times.
 */
export async function processEvent(
  db: Db,
  workerId: string,
  event: ClaimedEvent,
  now = () => new Date(),
  deferred?: Map<AfterCommit, WebhookEventInput>,
): Promise<{ outcome: ProcessOutcome; error?: string }> {
  const registered = topicHandler(event.topic);
  const input: WebhookEventInput = { shop: event.shop, topic: event.topic, payload: undefined, receivedAt: event.receivedAt };
  try {
    if (!registered) throw new UnhandledTopicError();
    input.payload = parseWebhookJson(event.payload);
    await db.$transaction(
      async (tx) => {
        await registered.handler(tx, input);
        const { count } = await tx.webhookEvent.updateMany({
          where: { id: event.id, lockedBy: workerId },
          data: { status: "done", payload: "", subjectKey: null, processedAt: now(), lockedBy: null, lockedAt: null, lastError: null },
        });
        // A handler may delete its own event (shop/redact removes every row of the shop); only a
        // row now locked by someone else means our lease ran out and another worker took over.
        if (count === 0 && (await tx.webhookEvent.count({ where: { id: event.id } })) > 0) throw new LeaseLostError();
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    const kind = errorKindOf(error);
    if (error instanceof LeaseLostError) {
      // Superseded (an erasure before it in this batch cleared it): done, its effect rolled back.
      if ((await db.webhookEvent.count({ where: { id: event.id, status: "done" } })) > 0) return { outcome: "done" };
      return { outcome: "retry", error: kind };
    }
    const final = event.attempts >= MAX_ATTEMPTS || error instanceof UnhandledTopicError;
    await db.webhookEvent.updateMany({
      where: { id: event.id, lockedBy: workerId },
      data: {
        status: final ? "failed" : "pending",
        nextAttemptAt: new Date(now().getTime() + backoffMs(event.attempts)),
        lockedBy: null,
        lockedAt: null,
        lastError: kind,
      },
    });
    return { outcome: final ? "failed" : "retry", error: kind };
  }
  const afterCommit = registered.options.afterCommit;
  if (!afterCommit) return { outcome: "done" };
  if (deferred) {
    deferred.set(afterCommit, input);
    return { outcome: "done" };
  }
  return { outcome: "done", error: await runAfterCommit(db, afterCommit, input) };
}

type AfterCommit = NonNullable<TopicHandlerOptions["afterCommit"]>;

/**
 * Lets the thread's other work in between transactions: timers (the other loops, a wake-up), a
 * message (the request to stop). better-sqlite3 answers synchronously, so without this a drain is
 * one long chain of microtasks that nothing else can interrupt until the inbox is empty.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The most events of one kind that one transaction takes on (it holds SQLite's write lock). */
export const EVENTS_PER_TRANSACTION = 50;

/**
 * How long one of the worker's transactions may last, asked before each: on SQLite a transaction
 * holds the write lock that acknowledgements need, so while they are waiting it is kept short,
 * and with nothing waiting it may be long (fewer commits, more erasures sharing one set of
 * statements). Every transaction takes at least one event, so processing never stops.
 */
export interface Pace {
  transactionMs(): number;
  /** The most events of one kind a transaction takes on; EVENTS_PER_TRANSACTION without it. */
  eventsPerTransaction?: number;
  /**
   * Awaited after each transaction with how long it took. On two cores the worker's thread, the
   * thread that answers HTTP and whatever sends the deliveries compete for the CPU: while
   * deliveries arrive, resting lets the acknowledgements have it (yieldToEventLoop without it).
   */
  rest?(workedMs: number): Promise<void>;
}

export const steadyPace = (ms: number): Pace => ({ transactionMs: () => ms });

/**
 * The last measured time of one shop's batch of each batched topic: the first slice of a batch is
 * sized by it. A batch form's cost is mostly its statements, one set per shop whatever the
 * number of that shop's events, so a slice is measured and sized in shops, not in events (sized
 * in events, a slice of one shop's erasure each measured a whole erasure per event and the slices
 * stayed at one event each, every erasure in a transaction of its own).
 */
const batchMsPerShop = new Map<string, number>();

const restAfter = (pace: Pace | undefined, workedMs: number) => (pace?.rest ? pace.rest(workedMs) : yieldToEventLoop());

/** Each shop's events together, in the order received, in groups of at most `limit`. */
function shopGroups(events: ClaimedEvent[], limit: number): ClaimedEvent[][] {
  const byShop = new Map<string, ClaimedEvent[]>();
  for (const event of events) {
    const group = byShop.get(event.shop);
    if (group) group.push(event);
    else byShop.set(event.shop, [event]);
  }
  const groups: ClaimedEvent[][] = [];
  for (const group of byShop.values()) {
    for (let start = 0; start < group.length; start += limit) groups.push(group.slice(start, start + limit));
  }
  return groups;
}

/**
 * Processes claimed events of one topic whose handler has a batch form, as many shops' events to a
 * transaction as fit the pace's time (at most EVENTS_PER_TRANSACTION events, at least one shop's;
 * the batch form runs once per shop in it), each event marked done in it. An event whose payload
 * does not parse or that the topic's check refuses is left out of the transaction and goes through
 * processEvent after it. A batch that fails all the same (a lost lease, a database error) is rolled
 * back and its events go through processEvent one by one, so each gets its own outcome, retries
 * and error, exactly as without batching.
 */
export async function processBatch(
  db: Db,
  workerId: string,
  events: ClaimedEvent[],
  now = () => new Date(),
  deferred?: Map<AfterCommit, WebhookEventInput>,
  pace: Pace = steadyPace(Number.POSITIVE_INFINITY),
  onBatchFallback?: OnBatchFallback,
): Promise<Array<{ event: ClaimedEvent; result: { outcome: ProcessOutcome; error?: string } }>> {
  const topic = events[0].topic;
  const registered = topicHandler(topic);
  const results: Array<{ event: ClaimedEvent; result: { outcome: ProcessOutcome; error?: string } }> = [];
  // Kept across batches; a millisecond before the first has run.
  let msPerShop = batchMsPerShop.get(topic) ?? 1;
  const perTransaction = pace.eventsPerTransaction ?? EVENTS_PER_TRANSACTION;
  const groups = shopGroups(events, perTransaction);
  for (let next = 0; next < groups.length; ) {
    const fits = Math.max(1, Math.floor(pace.transactionMs() / msPerShop));
    const taken = [groups[next]];
    while (taken.length < fits && next + taken.length < groups.length && taken.flat().length + groups[next + taken.length].length <= perTransaction) {
      taken.push(groups[next + taken.length]);
    }
    next += taken.length;
    const slice = taken.flat();
    const sliceStarted = performance.now();
    const measured = () => {
      msPerShop = Math.max(0.01, (performance.now() - sliceStarted) / taken.length);
      batchMsPerShop.set(topic, msPerShop);
    };
    const batch = registered?.options.batch;
    const outcomes = new Map<string, { outcome: ProcessOutcome; error?: string }>();
    let alone = slice;
    let batched: ClaimedEvent[] = [];
    let inputs: WebhookEventInput[] | null = null;
    if (batch && slice.length > 1) {
      const prepared = taken.map((group) => prepareForBatch(group, registered!.options.check));
      const parsed = prepared.map(({ ready }) => ready.map(({ input }) => input)).filter((shopInputs) => shopInputs.length > 0);
      batched = prepared.flatMap(({ ready }) => ready.map(({ event }) => event));
      if (batched.length > 1) {
        // What the check refused fails (or is skipped) on its own after the batch, which it does
        // not touch: the rest of its shop's events still commit together.
        const refused = new Set(prepared.flatMap(({ refused }) => refused));
        alone = slice.filter((event) => refused.has(event));
        try {
          await db.$transaction(
            async (tx) => {
              for (const shopEvents of parsed) await batch(tx, shopEvents);
              const { count } = await tx.webhookEvent.updateMany({
                where: { id: { in: batched.map((event) => event.id) }, lockedBy: workerId },
                data: { status: "done", payload: "", subjectKey: null, processedAt: now(), lockedBy: null, lockedAt: null, lastError: null },
              });
              if (count !== batched.length) throw new LeaseLostError();
            },
            { timeout: 60_000, maxWait: 30_000 },
          );
          inputs = parsed.flat();
          measured();
        } catch (error) {
          // Rolled back; each event is tried on its own below.
          onBatchFallback?.(batchFallback(batched, error));
          alone = slice;
        }
      }
    }
    if (inputs) {
      const afterCommit = registered!.options.afterCommit;
      let error: string | undefined;
      if (afterCommit) {
        if (deferred) deferred.set(afterCommit, inputs[0]);
        else error = await runAfterCommit(db, afterCommit, inputs[0]);
      }
      for (const event of batched) outcomes.set(event.id, error ? { outcome: "done", error } : { outcome: "done" });
      await restAfter(pace, performance.now() - sliceStarted);
    }
    for (const event of alone) {
      const started = performance.now();
      const result = await processEvent(db, workerId, event, now, deferred);
      outcomes.set(event.id, result);
      // A shop's batch of one is measured like any other.
      if (slice.length === 1 && result.outcome === "done") measured();
      await restAfter(pace, performance.now() - started);
    }
    for (const event of slice) results.push({ event, result: outcomes.get(event.id)! });
  }
  return results;
}

/**
 * Each event's payload parsed and checked (TopicHandlerOptions.check) before its batch's
 * transaction, so that one malformed event is refused alone instead of failing the transaction.
 */
function prepareForBatch(
  events: ClaimedEvent[],
  check: ((event: WebhookEventInput) => void) | undefined,
): { ready: Array<{ event: ClaimedEvent; input: WebhookEventInput }>; refused: ClaimedEvent[] } {
  const ready: Array<{ event: ClaimedEvent; input: WebhookEventInput }> = [];
  const refused: ClaimedEvent[] = [];
  for (const event of events) {
    const input = parsedAndChecked(event, check);
    // processEvent runs a refused one alone and records why it failed.
    if (input) ready.push({ event, input });
    else refused.push(event);
  }
  return { ready, refused };
}

/** The event's input, or null when its payload does not parse or the topic's check refuses it. */
function parsedAndChecked(event: ClaimedEvent, check: ((event: WebhookEventInput) => void) | undefined): WebhookEventInput | null {
  try {
    const input = { shop: event.shop, topic: event.topic, payload: parseWebhookJson(event.payload), receivedAt: event.receivedAt };
    check?.(input);
    return input;
  } catch {
    return null;
  }
}

/**
 * The longest a transaction of several single events keeps adding events: on SQLite it holds the
 * write lock, and an acknowledgement may wait for it.
 */
export const TRANSACTION_BUDGET_MS = 10;

/**
 * Processes claimed events in order, as many to a transaction as fit in `budgetMs`, each handler
 * in turn and all of them marked done at the end: the same effects as processEvent for each, for
 * one BEGIN and COMMIT. An event of a topic without a handler, or whose payload does not parse or
 * that its topic's check refuses, is not added to the transaction: it goes through processEvent
 * (its own failure) before the transaction if none has been taken yet, else after its commit.
 * When a transaction fails all the same it is rolled back, and the events it had looked at, up
 * to and including the one that failed, go through processEvent one by one (each with its own
 * outcome and retries); the rest carry on in turns.
 *
 * Left out, such an event runs after events received after it, and that changes no one's outcome:
 * handled alone it writes nothing but its own row's failure (an unknown topic or a payload that
 * does not parse fails before processEvent opens a transaction; a check refuses only what its
 * handler would not write, TopicHandlerOptions.check), so no other event's effect can meet it, in
 * this run or when it is retried (its payload is the same then).
 */
export async function processInTurns(
  db: Db,
  workerId: string,
  events: ClaimedEvent[],
  now = () => new Date(),
  deferred?: Map<AfterCommit, WebhookEventInput>,
  budget: number | Pace = TRANSACTION_BUDGET_MS,
  onBatchFallback?: OnBatchFallback,
): Promise<Array<{ event: ClaimedEvent; result: { outcome: ProcessOutcome; error?: string } }>> {
  const pace = typeof budget === "number" ? steadyPace(budget) : budget;
  const results: Array<{ event: ClaimedEvent; result: { outcome: ProcessOutcome; error?: string } }> = [];
  const ready = new Map<ClaimedEvent, { handler: TopicHandler; input: WebhookEventInput; afterCommit?: AfterCommit } | null>();
  const readyToTake = (event: ClaimedEvent) => {
    if (!ready.has(event)) {
      const registered = topicHandler(event.topic);
      const input = registered ? parsedAndChecked(event, registered.options.check) : null;
      ready.set(event, registered && input ? { handler: registered.handler, input, afterCommit: registered.options.afterCommit } : null);
    }
    return ready.get(event)!;
  };
  let rest = events;
  while (rest.length) {
    // Refused before anything is taken: alone in its place, and no transaction opened for nothing.
    if (rest.length === 1 || !readyToTake(rest[0])) {
      results.push({ event: rest[0], result: await processEvent(db, workerId, rest[0], now, deferred) });
      rest = rest.slice(1);
      continue;
    }
    const taken: Array<{ event: ClaimedEvent; input: WebhookEventInput; afterCommit?: AfterCommit }> = [];
    const refused = new Set<ClaimedEvent>();
    let lookedAt = 0;
    const started = performance.now();
    const budgetMs = pace.transactionMs();
    try {
      await db.$transaction(
        async (tx) => {
          for (const event of rest) {
            if (taken.length && performance.now() - started > budgetMs) break;
            const prepared = readyToTake(event);
            if (prepared) {
              await prepared.handler(tx, prepared.input);
              taken.push({ event, input: prepared.input, afterCommit: prepared.afterCommit });
            } else refused.add(event);
            lookedAt++;
          }
          const { count } = await tx.webhookEvent.updateMany({
            where: { id: { in: taken.map(({ event }) => event.id) }, lockedBy: workerId },
            data: { status: "done", payload: "", subjectKey: null, processedAt: now(), lockedBy: null, lockedAt: null, lastError: null },
          });
          if (count !== taken.length) throw new LeaseLostError();
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
    } catch (error) {
      const alone = rest.slice(0, lookedAt + 1);
      onBatchFallback?.(batchFallback(alone, error));
      for (const event of alone) results.push({ event, result: await processEvent(db, workerId, event, now, deferred) });
      rest = rest.slice(alone.length);
      continue;
    }
    const outcomes = new Map<ClaimedEvent, { outcome: ProcessOutcome; error?: string }>();
    for (const { event, input, afterCommit } of taken) {
      let error: string | undefined;
      if (afterCommit) {
        if (deferred) deferred.set(afterCommit, input);
        else error = await runAfterCommit(db, afterCommit, input);
      }
      outcomes.set(event, error ? { outcome: "done", error } : { outcome: "done" });
    }
    for (const event of refused) outcomes.set(event, await processEvent(db, workerId, event, now, deferred));
    for (const event of rest.slice(0, lookedAt)) results.push({ event, result: outcomes.get(event)! });
    rest = rest.slice(lookedAt);
    await restAfter(pace, performance.now() - started);
  }
  return results;
}

/** Whom an event is about, as keys that compare across topics (memory only, never stored). */
function orderingKeys(event: ClaimedEvent): string[] | null {
  let payload: unknown;
  try {
    payload = JSON.parse(event.payload);
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null) return null;
  const fields = payload as Record<string, unknown>;
  const customer = typeof fields.customer === "object" && fields.customer !== null ? (fields.customer as Record<string, unknown>) : null;
  const named = customer ?? (event.topic.startsWith("customers_") ? fields : null);
  if (!named) return null;
  const id = customer ? customer.id : (fields.customer_id ?? fields.id);
  const email = customer ? customer.email : fields.email_address;
  const phone = customer ? customer.phone : fields.phone;
  const keys: string[] = [];
  const customerId = typeof id === "number" || typeof id === "string" ? normaliseCustomerId(id) : null;
  if (customerId) keys.push(`${event.shop}\u0000customer\u0000${customerId}`);
  if (typeof email === "string" && normaliseEmail(email)) keys.push(`${event.shop}\u0000email\u0000${normaliseEmail(email)}`);
  if (typeof phone === "string" && normalisePhone(phone).replace("+", "")) keys.push(`${event.shop}\u0000phone\u0000${normalisePhone(phone)}`);
  return keys.length ? keys : null;
}

/** A topic whose batch form runs after its phase's other events (erasures; see TopicHandlerOptions). */
const batchedAfterPhase = (event: ClaimedEvent) => {
  const options = topicHandler(event.topic)?.options;
  return Boolean(options?.batch) && options?.batchOrder !== "in-phase";
};
const batchedInPhase = (event: ClaimedEvent) => {
  const options = topicHandler(event.topic)?.options;
  return Boolean(options?.batch) && options?.batchOrder === "in-phase";
};

/**
 * A phase's single events in runs, in order: the events of topics whose batch form takes them in
 * the phase ("in-phase": their effects do not meet one another's) gathered per topic, each shop's
 * in the order received; the events of other topics (shop/redact, app/uninstalled ...) one by one
 * in their place, never passed by an event received after them or passing one received before.
 */
export function singleRuns(events: ClaimedEvent[]): Array<{ inOrder: ClaimedEvent[] } | { byTopic: ClaimedEvent[][] }> {
  const runs: Array<{ inOrder: ClaimedEvent[] } | { byTopic: ClaimedEvent[][] }> = [];
  let inOrder: ClaimedEvent[] = [];
  let gathered = new Map<string, Map<string, ClaimedEvent[]>>();
  const flushGathered = () => {
    if (gathered.size) runs.push({ byTopic: [...gathered.values()].map((byShop) => [...byShop.values()].flat()) });
    gathered = new Map();
  };
  for (const event of events) {
    if (!batchedInPhase(event)) {
      flushGathered();
      inOrder.push(event);
      continue;
    }
    if (inOrder.length) runs.push({ inOrder });
    inOrder = [];
    const byShop = gathered.get(event.topic) ?? new Map<string, ClaimedEvent[]>();
    gathered.set(event.topic, byShop);
    const group = byShop.get(event.shop);
    if (group) group.push(event);
    else byShop.set(event.shop, [event]);
  }
  flushGathered();
  if (inOrder.length) runs.push({ inOrder });
  return runs;
}

/** One step of a claimed batch: events one by one as received, then the shops' batched erasures. */
export interface ProcessingPhase {
  single: ClaimedEvent[];
  batches: ClaimedEvent[][];
}

/**
 * The order a claimed batch is processed in, keeping each person's events in the order they were
 * received: a redact takes effect after that person's earlier events and before their later ones
 * (a data request after a redact must meet the erasure, not be anonymised by it). Events whose
 * topic takes effect in batches (erasures) are gathered per shop and run after the phase's other
 * events, which changes nothing for anyone else; an event about someone whose erasure is already
 * gathered (or one that names no one, for its whole shop) starts the next phase, after that erasure.
 */
export function processingPhases(events: ClaimedEvent[]): ProcessingPhase[] {
  const phases: ProcessingPhase[] = [];
  let single: ClaimedEvent[] = [];
  let batched = new Map<string, ClaimedEvent[]>();
  let erasing = new Set<string>();
  let erasingShops = new Set<string>();
  const close = () => {
    if (single.length || batched.size) phases.push({ single, batches: [...batched.values()] });
    single = [];
    batched = new Map();
    erasing = new Set();
    erasingShops = new Set();
  };
  for (const event of events) {
    const keys = orderingKeys(event);
    if (batchedAfterPhase(event)) {
      const key = `${event.topic}\u0000${event.shop}`;
      const group = batched.get(key);
      if (group) group.push(event);
      else batched.set(key, [event]);
      for (const subject of keys ?? []) erasing.add(subject);
      erasingShops.add(event.shop);
      continue;
    }
    const after = keys ? keys.some((subject) => erasing.has(subject)) : erasingShops.has(event.shop);
    if (after) close();
    single.push(event);
  }
  close();
  return phases;
}

type Processed = Array<{ event: ClaimedEvent; result: { outcome: ProcessOutcome; error?: string } }>;

/**
 * Processes a claimed batch phase by phase (processingPhases), then runs the post-commit clean-up
 * of each kind once; a clean-up that failed is reported with every event of the batch.
 */
export async function processClaimed(
  db: Db,
  workerId: string,
  events: ClaimedEvent[],
  now = () => new Date(),
  pace?: Pace,
  onBatchFallback?: OnBatchFallback,
): Promise<Processed> {
  const deferred = new Map<AfterCommit, WebhookEventInput>();
  const results: Processed = [];
  for (const phase of processingPhases(events)) {
    for (const run of singleRuns(phase.single)) {
      if ("inOrder" in run) results.push(...(await processInTurns(db, workerId, run.inOrder, now, deferred, pace, onBatchFallback)));
      else for (const group of run.byTopic) results.push(...(await processBatch(db, workerId, group, now, deferred, pace, onBatchFallback)));
    }
    // Each topic's groups in one run of transactions, whatever their shops.
    const byTopic = new Map<string, ClaimedEvent[]>();
    for (const group of phase.batches) byTopic.set(group[0].topic, [...(byTopic.get(group[0].topic) ?? []), ...group]);
    for (const group of byTopic.values()) results.push(...(await processBatch(db, workerId, group, now, deferred, pace, onBatchFallback)));
  }
  const hookErrors: string[] = [];
  for (const [hook, input] of deferred) {
    const error = await runAfterCommit(db, hook, input);
    if (error) hookErrors.push(error);
  }
  return results.map(({ event, result }) => ({ event, result: hookErrors.length && !result.error ? { ...result, error: hookErrors[0] } : result }));
}

/** The effect is committed; a failed clean-up is reported and repeated by the next one of its kind. */
async function runAfterCommit(db: Db, hook: AfterCommit, input: WebhookEventInput): Promise<string | undefined> {
  try {
    await hook(db, input);
    return undefined;
  } catch (error) {
    return errorKindOf(error);
  }
}

/** A merchant's retry: the event goes back to the queue with a fresh set of attempts. */
export async function requeueFailedEvent(db: Db, shop: string, id: string): Promise<boolean> {
  const { count } = await db.webhookEvent.updateMany({
    where: { id, shop, status: "failed" },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
  });
  return count === 1;
}

export interface WorkerOptions {
  workerId: string;
  pollMs?: number;
  batchSize?: number;
  /** How long a claim holds before another worker may take it over (its holder presumed dead). */
  leaseMs?: number;
  onResult?: (event: ClaimedEvent, result: { outcome: ProcessOutcome; error?: string }) => void;
  /** A transaction of several events failed and its events were run one by one (BatchFallback). */
  onBatchFallback?: OnBatchFallback;
  /** The database was unreachable or similar; the loop carries on at its next poll. */
  onLoopError?: (errorKind: string) => void;
  /** A drain ended without error: what ends a run of onLoopError. */
  onLoopSucceeded?: () => void;
  /**
   * Awaited before each claim with how long the previous batch held the database (ms); lets the
   * acknowledgement path go first (see acknowledgementsFirst). True means deliveries are arriving:
   * the worker then claims one event at a time.
   */
  beforeClaim?: (lastBatchMs: number) => Promise<boolean>;
  /** How long each transaction may last (see Pace); TRANSACTION_BUDGET_MS without it. */
  pace?: Pace;
  /** Told when a drain starts (true) and ends (false), so acknowledgements can be measured without the worker. */
  onWorking?: (working: boolean) => void;
}

export interface AcknowledgementsFirstOptions {
  /** A pause in deliveries this long ends the wait. */
  quietMs?: number;
  /** Under a continuous flood, the worker may hold the database at most this share of the time. */
  busyShare?: number;
  minWaitMs?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A wait for the worker while deliveries are being acknowledged. Shopify waits at most 5 s for an
 * acknowledgement but allows 30 days for the effect, and on SQLite the worker's transactions hold
 * the one connection the acknowledgements need. So while deliveries keep arriving the worker
 * steps aside until they pause. Under a flood that never pauses it still takes one event after a
 * wait long enough that its share of the database stays under `busyShare` (an erasure that took
 * 30 ms waits 3 s at 1 %), bounded by `maxWaitMs`, so processing slows down but never stops.
 */
export function acknowledgementsFirst(
  msSinceActivity: () => number,
  {
    quietMs = 20,
    busyShare = 0.01,
    minWaitMs = 250,
    maxWaitMs = 10_000,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  }: AcknowledgementsFirstOptions = {},
): (lastBatchMs: number) => Promise<boolean> {
  return async (lastBatchMs) => {
    const bound = Math.min(maxWaitMs, Math.max(minWaitMs, lastBatchMs / busyShare));
    // Deliveries that arrived while the last batch held the database are only now being read:
    // give them a moment to show up before deciding that nothing is arriving.
    if (lastBatchMs > 0) await sleep(quietMs);
    let waited = 0;
    while (waited < bound && msSinceActivity() < quietMs) {
      const pause = Math.min(quietMs, bound - waited);
      await sleep(pause);
      waited += pause;
    }
    return waited > 0;
  };
}

/** The polling loop; `wake()` cuts the wait short when a delivery has just been acknowledged. */
export class WebhookWorker {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private loop: Promise<void> | null = null;
  /** How long the last batch that processed anything held the database, for beforeClaim. */
  private lastBatchMs = 0;

  constructor(private readonly db: Db, private readonly options: WorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Claims and processes until nothing is due; returns how many events were processed. */
  async drain(): Promise<number> {
    this.options.onWorking?.(true);
    try {
      return await this.drainBatches();
    } finally {
      this.options.onWorking?.(false);
    }
  }

  private async drainBatches(): Promise<number> {
    let total = 0;
    while (this.running) {
      this.pendingWake = false;
      const underPressure = (await this.options.beforeClaim?.(this.lastBatchMs)) ?? false;
      const batchStarted = performance.now();
      const events = await claimEvents(this.db, this.options.workerId, new Date(), underPressure ? 1 : (this.options.batchSize ?? 10), this.options.leaseMs);
      if (events.length === 0) break;
      // Reported once the batch's clean-up ran, so "processed" means the effect is complete.
      for (const { event, result } of await processClaimed(this.db, this.options.workerId, events, undefined, this.options.pace, this.options.onBatchFallback)) {
        this.options.onResult?.(event, result);
        total++;
      }
      this.lastBatchMs = performance.now() - batchStarted;
      await yieldToEventLoop();
    }
    return total;
  }

  private async run() {
    while (this.running) {
      try {
        await this.drain();
        this.options.onLoopSucceeded?.();
      } catch (error) {
        this.options.onLoopError?.(errorKindOf(error));
      }
      if (!this.running) break;
      if (this.pendingWake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 5_000);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }
}
