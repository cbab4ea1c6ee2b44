// Everything the app holds about one customer of one shop, for answering Shopify's
// customers/data_request (and APPI disclosure): requests with their timeline and messages sent,
// consent records, storefront submissions and provision records, as JSON or as a flat CSV.
// What a person receives is their data, not the app's bookkeeping: the keyed hashes that identify
// them internally (ledger subject keys, email hashes, submission fingerprints) are never included.
import type { Db } from "../db.factory";
import { customerHashes, emailSubjectHashes } from "./keyedHash";
import { CSV_BOM, csvLine } from "./csv";
import { isShopifyIdText } from "./shopifyId";

type Row = Record<string, unknown>;

export interface CustomerDataExport {
  shop: string;
  shopifyCustomerId: string;
  generatedAt: string;
  requests: Array<Row & { timeline: Row[]; messages: Row[] }>;
  consentRecords: Row[];
  formSubmissions: Row[];
  provisionRecords: Row[];
}

const CUSTOMER_ID = /^[0-9]{1,20}$/;

export function isCustomerId(value: string): boolean {
  return CUSTOMER_ID.test(value) && isShopifyIdText(value);
}

// The fields handed out from the tables that also hold keyed hashes: everything but those.
const CONSENT_FIELDS = ["id", "shopifyCustomerId", "kind", "granted", "policyVersion", "source", "choiceAt", "recordedAt", "evidence"] as const;
const SUBMISSION_FIELDS = ["id", "requestId", "reference", "createdAt"] as const;
const PROVISION_FIELDS = [
  "id",
  "direction",
  "firstProvidedAt",
  "lastProvidedAt",
  "continuous",
  "counterpartyName",
  "counterpartyAddress",
  "counterpartyRepresentative",
  "shopifyCustomerId",
  "subjectLabel",
  "items",
  "basis",
  "basisNote",
  "acquisitionNote",
  "contractServesAsRecord",
  "retentionEndsAt",
  "notes",
  "createdAt",
  "updatedAt",
] as const;

const pick = (row: Row, fields: readonly string[]): Row => Object.fromEntries(fields.filter((field) => field in row).map((field) => [field, row[field]]));

/**
 * Only the allowed fields of each section. Also applied to packages built and stored before the
 * hashes were taken out, so none is ever served again.
 */
export function withoutInternalHashes(data: CustomerDataExport): CustomerDataExport {
  return {
    ...data,
    consentRecords: data.consentRecords.map((row) => pick(row, CONSENT_FIELDS)),
    formSubmissions: data.formSubmissions.map((row) => pick(row, SUBMISSION_FIELDS)),
    provisionRecords: data.provisionRecords.map((row) => pick(row, PROVISION_FIELDS)),
  };
}

/** Parsed JSON columns are shown as data, not as strings of JSON. */
function parseJsonColumns(row: Row, columns: string[]): Row {
  const out = { ...row };
  for (const column of columns) {
    if (typeof out[column] !== "string") continue;
    try {
      out[column] = JSON.parse(out[column] as string);
    } catch {
      // a column that is not JSON stays as it is
    }
  }
  return out;
}

export async function collectCustomerData(db: Db, shop: string, customerId: string, now = new Date()): Promise<CustomerDataExport> {
  const requests = await db.privacyRequest.findMany({
    where: { shop, shopifyCustomerId: customerId },
    orderBy: { receivedAt: "asc" },
    include: { timeline: { orderBy: { at: "asc" } } },
  });
  const requestIds = requests.map((r) => r.id);
  const emails = [...new Set(requests.map((r) => r.email).filter(Boolean))];
  const emailHashes = emails.flatMap((email) => emailSubjectHashes(shop, email));
  const subjectKeys = [`customer:${customerId}`, ...emailHashes.map((hash) => `email:${hash}`)];
  const subjectHashes = [...customerHashes(shop, customerId), ...emailHashes];

  const [mails, consentRecords, formSubmissions, provisionRecords] = await Promise.all([
    db.outboundMail.findMany({ where: { shop, requestId: { in: requestIds } }, orderBy: { createdAt: "asc" } }),
    db.consentRecord.findMany({
      where: { shop, OR: [{ subjectKey: { in: subjectKeys } }, { shopifyCustomerId: customerId }] },
      orderBy: { choiceAt: "asc" },
    }),
    db.formSubmission.findMany({
      where: { shop, OR: [{ requestId: { in: requestIds } }, { subjectHash: { in: subjectHashes } }] },
      orderBy: { createdAt: "asc" },
    }),
    db.provisionRecord.findMany({
      where: { shop, OR: [{ shopifyCustomerId: customerId }, { subjectHash: { in: subjectHashes } }] },
      orderBy: { firstProvidedAt: "asc" },
    }),
  ]);

  return withoutInternalHashes({
    shop,
    shopifyCustomerId: customerId,
    generatedAt: now.toISOString(),
    requests: requests.map(({ timeline, ...request }) => ({
      ...parseJsonColumns(request, ["requestedChanges", "ordersRequested"]),
      timeline: timeline.map((event) => parseJsonColumns(event, ["detail"])),
      messages: mails
        .filter((mail) => mail.requestId === request.id)
        .map((mail) => ({ id: mail.id, kind: mail.kind, toAddress: mail.toAddress, subject: mail.subject, body: mail.body, status: mail.status, createdAt: mail.createdAt, sentAt: mail.sentAt })),
    })),
    consentRecords,
    formSubmissions,
    provisionRecords: provisionRecords.map((record) => parseJsonColumns(record, ["items"])),
  });
}

const cellValue = (value: unknown): string | number | boolean | null =>
  value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : typeof value === "object" ? JSON.stringify(value) : (value as string | number | boolean);

/**
 * One row per field (section, record id, field, value): the sections have different columns, and a
 * long table keeps every field without inventing a wide schema.
 */
export function customerDataCsv(data: CustomerDataExport): string {
  const lines = [CSV_BOM + csvLine(["section", "record_id", "field", "value"])];
  const add = (section: string, row: Row) => {
    const id = String(row.id ?? "");
    for (const [field, value] of Object.entries(row)) {
      if (field === "id") continue;
      lines.push(csvLine([section, id, field, cellValue(value)]));
    }
  };
  for (const { timeline, messages, ...request } of data.requests) {
    add("request", request);
    for (const event of timeline) add("request_timeline", event);
    for (const message of messages) add("request_message", { ...message, requestId: request.id });
  }
  for (const record of data.consentRecords) add("consent_record", record);
  for (const submission of data.formSubmissions) add("form_submission", submission);
  for (const record of data.provisionRecords) add("provision_record", record);
  return lines.join("");
}
