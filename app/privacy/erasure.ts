// Erasure for Shopify's customers/redact and shop/redact. What stays is an ErasureReceipt: when,
// what kind, the outcome and counts, and keyed hashes that prove which subject without naming it.
import { Prisma as SqlitePrisma } from "#prisma/sqlite";
import type { Db, Prisma } from "../db.factory";
import { customerHash, customerHashes, emailSubjectHash, emailSubjectHashes, normaliseEmail, shopHash } from "./keyedHash";
import { OPEN_STATUSES } from "./requests/requestTypes";
import { appendRequestEvent } from "./requests/timeline";

type Client = Db | Prisma.TransactionClient;

export interface ErasureSubject {
  customerId?: string | number | null;
  email?: string | null;
  phone?: string | null;
}

/** Tables an erasure rewrites or deletes from: their freed space is reclaimed afterwards. */
export const ERASURE_TABLES = [
  "PrivacyRequest",
  "RequestEvent",
  "ConsentRecord",
  "FormSubmission",
  "OutboundMail",
  "Job",
  "WebhookEvent",
  "AuditEntry",
  "ProvisionRecord",
  "IdentityToken",
  "FlowTriggerEvent",
  "AccountDownloadGrant",
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
  auditEntries: number;
  provisionRecords: number;
  identityTokens: number;
  flowTriggers: number;
  downloadGrants: number;
}

function identifiers(shop: string, subject: ErasureSubject) {
  const customerId = subject.customerId === undefined || subject.customerId === null ? null : String(subject.customerId);
  const email = subject.email?.trim() ? subject.email.trim() : null;
  const phone = subject.phone?.trim() ? subject.phone.trim() : null;
  const emails = email ? [...new Set([email, normaliseEmail(email)])] : [];
  const subjectKeys = [
    ...(customerId ? [`customer:${customerId}`] : []),
    // Under every hash key in the ring: a subject stored before a key rotation is erased too.
    ...(email ? emailSubjectHashes(shop, email).map((hash) => `email:${hash}`) : []),
  ];
  // Free-text columns (mail bodies, job input, audit details, inbox payloads) are matched on the
  // raw identifiers; the customer id is matched as a JSON number or string to avoid prefix hits.
  const needles = [
    ...emails,
    ...(phone ? [phone] : []),
    ...(customerId ? [`:${customerId},`, `:${customerId}}`, `"${customerId}"`, `/Customer/${customerId}`] : []),
  ];
  return { customerId, email, phone, emails, subjectKeys, needles };
}

const anyContains = (field: string, needles: string[]) => needles.map((needle) => ({ [field]: { contains: needle } }));

/**
 * Erases everything identifying one customer of one shop, matched by Shopify id and by email/phone.
 * Requests stay as anonymous records (so the desk's counts and deadlines stay true); an open one is
 * closed as completed by Shopify's erasure. Call `reclaimErasedSpace` after the transaction commits.
 */
export async function eraseCustomer(db: Client, shop: string, subject: ErasureSubject, now = new Date()): Promise<CustomerErasureCounts> {
  const ids = identifiers(shop, subject);
  if (!ids.customerId && !ids.email && !ids.phone) throw new Error("an erasure needs a customer id, email or phone");

  const requestMatch = [
    ...(ids.customerId ? [{ shopifyCustomerId: ids.customerId }] : []),
    ...(ids.emails.length ? [{ email: { in: ids.emails } }] : []),
    ...(ids.phone ? [{ phone: ids.phone }] : []),
  ];
  const requests = await db.privacyRequest.findMany({
    where: { shop, OR: requestMatch },
    select: { id: true, status: true },
  });
  const requestIds = requests.map((r) => r.id);
  const open = requests.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status));

  const timeline = await db.requestEvent.updateMany({ where: { shop, requestId: { in: requestIds } }, data: { detail: "{}" } });
  for (const request of open) {
    await db.privacyRequest.update({
      where: { id: request.id },
      data: { status: "completed", closedAt: now, decisionNote: null },
    });
    await appendRequestEvent(db, { shop, requestId: request.id, at: now, actor: "shopify", action: "completed", detail: { reason: "shopify_customer_redact" } });
  }
  await db.privacyRequest.updateMany({
    where: { shop, id: { in: requestIds } },
    data: {
      customerName: "",
      email: "",
      phone: "",
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
  });

  const consent = await db.consentRecord.deleteMany({
    where: {
      shop,
      OR: [{ subjectKey: { in: ids.subjectKeys } }, ...(ids.customerId ? [{ shopifyCustomerId: ids.customerId }] : [])],
    },
  });
  const subjectHashes = [
    ...(ids.email ? emailSubjectHashes(shop, ids.email) : []),
    ...(ids.customerId ? customerHashes(shop, ids.customerId) : []),
  ];
  const forms = await db.formSubmission.deleteMany({
    where: { shop, OR: [{ requestId: { in: requestIds } }, { subjectHash: { in: subjectHashes } }] },
  });
  // Identity links of the erased requests would otherwise still lead back to them.
  const identityTokens = await db.identityToken.deleteMany({ where: { shop, requestId: { in: requestIds } } });
  const downloadGrants = await db.accountDownloadGrant.deleteMany({ where: { shop, requestId: { in: requestIds } } });
  // Flow triggers name the customer by id; sent or not, they go with the customer.
  const flowTriggers = await db.flowTriggerEvent.deleteMany({
    where: { shop, OR: [{ requestId: { in: requestIds } }, ...(ids.customerId ? [{ shopifyCustomerId: ids.customerId }] : [])] },
  });
  const jobs = await db.job.deleteMany({
    where: { shop, OR: [{ requestId: { in: requestIds } }, ...anyContains("input", ids.needles), ...anyContains("result", ids.needles)] },
  });
  const mails = await db.outboundMail.deleteMany({
    where: {
      shop,
      OR: [
        { requestId: { in: requestIds } },
        ...(ids.emails.length ? [{ toAddress: { in: ids.emails } }] : []),
        ...anyContains("body", ids.needles),
      ],
    },
  });
  // Deliveries that still hold this customer's data (a pending data request, a failed event) are
  // superseded by the erasure: their payload goes and they will not be processed. Processed events
  // hold no payload. Waiting customers/redact deliveries are left to run: each erases (again) and
  // clears itself, and skipping them keeps this scan from growing with a backlog of erasures.
  const payloads = await db.webhookEvent.updateMany({
    where: {
      shop,
      OR: [{ status: "failed" }, { status: { in: ["pending", "processing"] }, topic: { not: "customers/redact" } }],
      AND: [{ OR: anyContains("payload", ids.needles) }],
    },
    data: { payload: "", status: "done", processedAt: now, lastError: null },
  });
  // Provision records are kept for their legal retention period, but no longer say who.
  const provisions = await db.provisionRecord.updateMany({
    where: {
      shop,
      OR: [
        ...(ids.customerId ? [{ shopifyCustomerId: ids.customerId }] : []),
        { subjectHash: { in: subjectHashes } },
        ...anyContains("subjectLabel", ids.needles),
        ...anyContains("notes", ids.needles),
      ],
    },
    data: { shopifyCustomerId: null, subjectLabel: "", notes: "" },
  });
  const audits = await db.auditEntry.updateMany({ where: { shop, OR: anyContains("detail", ids.needles) }, data: { detail: "{}" } });

  const counts: CustomerErasureCounts = {
    requests: requests.length,
    requestsClosed: open.length,
    timelineEntries: timeline.count,
    consentRecords: consent.count,
    formSubmissions: forms.count,
    jobs: jobs.count,
    mails: mails.count,
    webhookPayloads: payloads.count,
    auditEntries: audits.count,
    provisionRecords: provisions.count,
    identityTokens: identityTokens.count,
    flowTriggers: flowTriggers.count,
    downloadGrants: downloadGrants.count,
  };
  await db.erasureReceipt.create({
    data: {
      shopHash: shopHash(shop),
      kind: "customer_redact",
      subjectHash: ids.customerId ? customerHash(shop, ids.customerId) : emailSubjectHash(shop, ids.email ?? ids.phone ?? ""),
      outcome: "erased",
      counts: JSON.stringify(counts),
      performedAt: now,
    },
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

/**
 * Makes erased data unrecoverable from the database files. SQLite overwrites freed cells itself
 * (secure_delete, set in prepareDatabase) but older page images stay in the WAL until a truncating
 * checkpoint; PostgreSQL keeps dead tuples until VACUUM.
 */
export async function reclaimErasedSpace(db: Db, provider: "sqlite" | "postgresql", tables: readonly string[] = ERASURE_TABLES): Promise<void> {
  if (provider === "sqlite") {
    // A reader in another connection makes the checkpoint report busy; try again shortly.
    for (let attempt = 0; attempt < 20; attempt++) {
      const [result] = await db.$queryRawUnsafe<Array<{ busy: number | bigint }>>("PRAGMA wal_checkpoint(TRUNCATE)");
      if (Number(result?.busy ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("WAL checkpoint stayed busy");
  }
  for (const table of new Set(tables)) {
    await db.$executeRawUnsafe(`VACUUM "${table}"`);
  }
}
