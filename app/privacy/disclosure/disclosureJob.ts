// Building a disclosure package is a background job: a customer with hundreds of orders takes many
// Admin API pages (and throttle waits). The job row shows progress (orders read / orders held),
// survives a restart (a stale lock is taken over) and retries a few times before it fails.
import { startWorkWhenReady } from "../requests/workflow";
import type { Db } from "../../db.factory";
import { errorKind } from "../../log.server";
import type { AdminGraphql, QueryOptions } from "../adminApi";
import { loadDeskSettings, signatureName } from "../requests/deskSettings";
import { getRequestForShop } from "../requests/findRequest";
import { isFinalStatus } from "../requests/stateMachine";
import { appendRequestEvent } from "../requests/timeline";
import { RequestInputError } from "../requests/requestTypes";
import { assembleDisclosurePackage, type DisclosurePackage } from "./disclosurePackage";
import { fetchShopifyCustomerData } from "./shopifyCustomerData";
import { withoutInternalHashes } from "../customerDataExport";

export const DISCLOSURE_JOB = "disclosure_package";
export const MAX_JOB_ATTEMPTS = 3;
const STALE_LOCK_MS = 10 * 60 * 1000;

export type JobRow = Awaited<ReturnType<Db["job"]["create"]>>;

export async function startDisclosureJob(db: Db, shop: string, requestId: string, actor: string): Promise<JobRow> {
  return db.$transaction(async (tx) => {
    const request = await getRequestForShop(tx, shop, requestId);
    // The same codes as the other Shopify actions (requests/shopifyActions.ts), said in words on the page.
    if (request.type !== "disclosure") throw new RequestInputError("Only a disclosure request builds a package", "type", "wrong_type");
    if (isFinalStatus(request.status)) throw new RequestInputError("The request is closed", "status", "request_closed");
    if (request.identityStatus !== "verified") throw new RequestInputError("Verify the person's identity first", "identity", "identity_required");
    if (!request.shopifyCustomerId) throw new RequestInputError("Link the request to a Shopify customer first", "shopifyCustomerId", "customer_required");
    const running = await tx.job.findFirst({ where: { shop, requestId, kind: DISCLOSURE_JOB, status: { in: ["pending", "running"] } } });
    if (running) return running;
    const job = await tx.job.create({
      data: { shop, requestId, kind: DISCLOSURE_JOB, input: JSON.stringify({ customerId: request.shopifyCustomerId }) },
    });
    await appendRequestEvent(tx, { shop, requestId, actor, action: "disclosure_started", detail: { jobId: job.id } });
    await startWorkWhenReady(tx, request, actor);
    return job;
  });
}

export interface RunOptions extends QueryOptions {
  workerId?: string;
  now?: Date;
  pageSize?: number;
}

/** Claims and runs one due disclosure job; returns it, or null when there was none. */
export async function runNextDisclosureJob(db: Db, apiForShop: (shop: string) => Promise<AdminGraphql>, options: RunOptions = {}): Promise<JobRow | null> {
  const now = options.now ?? new Date();
  const workerId = options.workerId ?? `worker:${process.pid}`;
  const candidate = await db.job.findFirst({
    where: {
      kind: DISCLOSURE_JOB,
      OR: [
        { status: "pending", nextAttemptAt: { lte: now } },
        { status: "running", lockedAt: { lt: new Date(now.getTime() - STALE_LOCK_MS) } },
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
  });
  if (!candidate) return null;
  const claimed = await db.job.updateMany({
    where: { id: candidate.id, status: candidate.status, lockedAt: candidate.lockedAt },
    data: { status: "running", lockedBy: workerId, lockedAt: now, attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return null;
  const job = await db.job.findUniqueOrThrow({ where: { id: candidate.id } });
  try {
    const request = await getRequestForShop(db, job.shop, job.requestId ?? "");
    const { customerId } = JSON.parse(job.input) as { customerId: string };
    const api = await apiForShop(job.shop);
    const shopify = await fetchShopifyCustomerData(api, customerId, {
      ...options,
      now,
      pageSize: options.pageSize,
      onProgress: async (progress, total) => {
        await db.job.update({ where: { id: job.id }, data: { progress, total, lockedAt: new Date() } });
      },
    });
    const settings = await loadDeskSettings(db, job.shop);
    const pkg = await assembleDisclosurePackage(
      db,
      { shop: job.shop, reference: request.reference, language: request.language, deliveryMethod: request.deliveryMethod, shopifyCustomerId: customerId },
      shopify,
      signatureName(settings),
    );
    const orders = shopify?.orders.length ?? 0;
    await db.$transaction(async (tx) => {
      await tx.job.update({ where: { id: job.id }, data: { status: "done", result: JSON.stringify(pkg), progress: orders, total: orders, lockedBy: null, lockedAt: null, lastError: null } });
      // Staff see on the timeline when Shopify let the package hold only the last 60 days of orders.
      const ordersLimited = shopify ? !shopify.orderCoverage.allOrders : false;
      await appendRequestEvent(tx, { shop: job.shop, requestId: request.id, actor: "system", action: "disclosure_ready", detail: { jobId: job.id, orders, customerFound: Boolean(shopify), ordersLimited } });
    });
  } catch (error) {
    const failed = job.attempts >= MAX_JOB_ATTEMPTS;
    await db.job.update({
      where: { id: job.id },
      data: {
        status: failed ? "failed" : "pending",
        lastError: errorKind(error),
        lockedBy: null,
        lockedAt: null,
        nextAttemptAt: new Date(now.getTime() + 30_000 * 2 ** job.attempts),
      },
    });
    if (failed && job.requestId) {
      await appendRequestEvent(db, { shop: job.shop, requestId: job.requestId, actor: "system", action: "disclosure_failed", detail: { jobId: job.id, error: errorKind(error) } }).catch(() => undefined);
    }
  }
  return db.job.findUniqueOrThrow({ where: { id: job.id } });
}

export interface DisclosureJobStatus {
  id: string;
  status: string;
  progress: number;
  total: number;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The request's latest package job, for the progress bar. */
export async function disclosureJobStatus(db: Db, shop: string, requestId: string): Promise<DisclosureJobStatus | null> {
  return db.job.findFirst({
    where: { shop, requestId, kind: DISCLOSURE_JOB },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, progress: true, total: true, attempts: true, lastError: true, createdAt: true, updatedAt: true },
  });
}

/** The latest finished package of the shop's request, or null. */
export async function latestDisclosurePackage(db: Db, shop: string, requestId: string): Promise<DisclosurePackage | null> {
  const job = await db.job.findFirst({ where: { shop, requestId, kind: DISCLOSURE_JOB, status: "done" }, orderBy: { updatedAt: "desc" } });
  if (!job?.result) return null;
  const pkg = JSON.parse(job.result) as DisclosurePackage;
  return pkg.shop === shop ? { ...pkg, appRecords: withoutInternalHashes(pkg.appRecords) } : null;
}
