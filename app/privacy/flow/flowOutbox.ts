// The Flow outbox: a trigger is a FlowTriggerEvent row committed in the transaction of the change it
// reports (a request received, due soon, closed), and the Flow loop sends it with
// flowTriggerReceive later, retrying with backoff. Several app instances may run the loop: a row is
// claimed by a conditional update before it is sent, and a claim that outlives its lease (the
// sender died) is taken up again.
import type { Db, Prisma } from "../../db.factory";
import { adminQuery, AdminApiError, UserErrorsError, type AdminGraphql, type QueryOptions } from "../adminApi";
import { parseWebhookJson } from "../webhooks/payloadJson";
import { loadDeskSettings, type ShopSettingsRow } from "../requests/deskSettings";
import {
  FLOW_FIELDS,
  FLOW_PAYLOAD_LIMIT_BYTES,
  FLOW_TRIGGERS,
  flowPayload,
  flowPayloadBytes,
  flowPayloadJson,
  type FlowRequestFacts,
  type FlowTrigger,
} from "./flowTriggers";

type Client = Db | Prisma.TransactionClient;

export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation PrivacyDeskFlowTrigger($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } }
  }`;

export const MAX_FLOW_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
const LEASE_MS = 2 * 60 * 1000;
/** Sent (or given up) triggers stay visible in the log this long, then go. */
export const FLOW_LOG_RETENTION_DAYS = 30;

export const flowBackoffMs = (attempts: number) => Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

export type FlowTriggerEventRow = Awaited<ReturnType<Db["flowTriggerEvent"]["create"]>>;

/**
 * Queues `trigger` for the request, once (a repeat of the same event queues nothing), unless the
 * shop has switched Flow off. Returns the row, or null when nothing was queued.
 */
export async function queueFlowTrigger(
  db: Client,
  trigger: FlowTrigger,
  request: FlowRequestFacts,
  settings?: Pick<ShopSettingsRow, "flowTriggersEnabled">,
): Promise<FlowTriggerEventRow | null> {
  const enabled = (settings ?? (await loadDeskSettings(db, request.shop))).flowTriggersEnabled;
  if (!enabled) return null;
  const row = flowTriggerRow(trigger, request);
  const existing = await db.flowTriggerEvent.findUnique({ where: { shop_eventKey: { shop: request.shop, eventKey: row.eventKey } }, select: { id: true } });
  if (existing) return null;
  return db.flowTriggerEvent.create({ data: row });
}

/**
 * queueFlowTrigger for several requests of one shop, in two statements: the rows that queuing
 * each in turn would write. Returns how many were queued.
 */
export async function queueFlowTriggers(
  db: Client,
  trigger: FlowTrigger,
  requests: FlowRequestFacts[],
  settings: Pick<ShopSettingsRow, "flowTriggersEnabled">,
): Promise<number> {
  if (!settings.flowTriggersEnabled || requests.length === 0) return 0;
  const shop = requests[0].shop;
  if (requests.some((request) => request.shop !== shop)) throw new Error("queueFlowTriggers takes one shop's requests");
  const rows = [...new Map(requests.map((request) => flowTriggerRow(trigger, request)).map((row) => [row.eventKey, row])).values()];
  const existing = await db.flowTriggerEvent.findMany({ where: { shop, eventKey: { in: rows.map((row) => row.eventKey) } }, select: { eventKey: true } });
  const queued = new Set(existing.map((row) => row.eventKey));
  const fresh = rows.filter((row) => !queued.has(row.eventKey));
  if (fresh.length) await db.flowTriggerEvent.createMany({ data: fresh });
  return fresh.length;
}

function flowTriggerRow(trigger: FlowTrigger, request: FlowRequestFacts) {
  const payload = flowPayload(trigger, request);
  // Every value is a code, a date, the reference or the app's own link, so this cannot happen;
  // the check keeps a future field from turning into a trigger Flow would refuse at every retry.
  const tooLarge = flowPayloadBytes(payload) > FLOW_PAYLOAD_LIMIT_BYTES;
  return {
    shop: request.shop,
    requestId: request.id,
    eventKey: `${request.id}:${trigger}`,
    trigger,
    handle: FLOW_TRIGGERS[trigger],
    payload: flowPayloadJson(payload),
    shopifyCustomerId: payload.customerId,
    ...(tooLarge ? { status: "failed", lastError: `payload over ${FLOW_PAYLOAD_LIMIT_BYTES} bytes` } : {}),
  };
}

/**
 * The payload as the mutation's JSON variable. A customer id past 2^53 keeps its exact digits: the
 * stored text is read without rounding and the id goes out as raw JSON digits.
 */
export function flowPayloadVariable(stored: string): Record<string, unknown> {
  const payload = parseWebhookJson(stored) as Record<string, unknown>;
  const customer = payload[FLOW_FIELDS.customer];
  if (customer !== undefined) payload[FLOW_FIELDS.customer] = rawJsonNumber(String(customer));
  return payload;
}

const rawJsonNumber = (digits: string): unknown => (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(digits);

export interface FlowDeliveryOptions {
  now?: Date;
  batchSize?: number;
  query?: QueryOptions;
}

export interface FlowDeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** What Flow said, kept short: its messages name handles and field keys, never payload values. */
function errorText(error: unknown): string {
  if (error instanceof UserErrorsError) return error.userErrors.map((userError) => userError.message.trim()).join("; ").slice(0, 300);
  if (error instanceof AdminApiError) return error.code;
  return error instanceof Error ? error.name : "Error";
}

/** Sends what is due; returns counts. Safe to run from several processes at once. */
export async function deliverDueFlowTriggers(
  db: Db,
  adminFor: (shop: string) => Promise<AdminGraphql>,
  options: FlowDeliveryOptions = {},
): Promise<FlowDeliveryReport> {
  const now = options.now ?? new Date();
  const report: FlowDeliveryReport = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  await db.flowTriggerEvent.updateMany({ where: { status: "sending", nextAttemptAt: { lte: now } }, data: { status: "pending" } });

  const due = await db.flowTriggerEvent.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: options.batchSize ?? 50,
    select: { id: true },
  });
  const enabledByShop = new Map<string, boolean>();
  for (const { id } of due) {
    const claimed = await db.flowTriggerEvent.updateMany({
      where: { id, status: "pending" },
      data: { status: "sending", nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    const event = await db.flowTriggerEvent.findUniqueOrThrow({ where: { id } });
    if (!enabledByShop.has(event.shop)) enabledByShop.set(event.shop, (await loadDeskSettings(db, event.shop)).flowTriggersEnabled);
    if (!enabledByShop.get(event.shop)) {
      // Switched off after queueing: the merchant no longer wants these sent.
      await db.flowTriggerEvent.update({ where: { id }, data: { status: "skipped", lastError: "flow_disabled" } });
      report.skipped++;
      continue;
    }
    const attempts = event.attempts + 1;
    try {
      const api = await adminFor(event.shop);
      const data = await adminQuery<{ flowTriggerReceive: { userErrors: Array<{ field?: string[] | null; message: string }> } }>(
        api,
        FLOW_TRIGGER_RECEIVE,
        { handle: event.handle, payload: flowPayloadVariable(event.payload) },
        options.query,
      );
      const userErrors = data.flowTriggerReceive?.userErrors ?? [];
      if (userErrors.length) {
        // Flow refused this payload or handle: sending it again would be refused again.
        await db.flowTriggerEvent.update({ where: { id }, data: { status: "failed", attempts, lastError: errorText(new UserErrorsError(userErrors)) } });
        report.failed++;
        continue;
      }
      await db.flowTriggerEvent.update({ where: { id }, data: { status: "sent", attempts, sentAt: new Date(), lastError: null } });
      report.sent++;
    } catch (error) {
      const failed = attempts >= MAX_FLOW_ATTEMPTS;
      await db.flowTriggerEvent.update({
        where: { id },
        data: { status: failed ? "failed" : "pending", attempts, lastError: errorText(error), nextAttemptAt: new Date(now.getTime() + flowBackoffMs(attempts)) },
      });
      if (failed) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

/** Deletes settled triggers older than the log keeps them; pending ones always stay. */
export async function purgeSettledFlowTriggers(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FLOW_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.flowTriggerEvent.deleteMany({ where: { status: { in: ["sent", "failed", "skipped"] }, createdAt: { lt: before } } });
  return count;
}

export interface FlowLogEntry {
  id: string;
  trigger: string;
  handle: string;
  requestId: string | null;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The shop's triggers, newest first: what was sent to Flow and what became of it. */
export async function flowTriggerLog(db: Db, shop: string, take = 50): Promise<FlowLogEntry[]> {
  const rows = await db.flowTriggerEvent.findMany({ where: { shop }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return rows.map((row) => ({
    id: row.id,
    trigger: row.trigger,
    handle: row.handle,
    requestId: row.requestId,
    payload: parseWebhookJson(row.payload) as Record<string, unknown>,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  }));
}
