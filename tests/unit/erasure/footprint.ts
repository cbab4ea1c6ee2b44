// A person's data as the app writes it, through the domain functions that write it: a request
// (with its timeline, mails and Flow trigger), a download link, consent choices, a form submission, a disclosure job, an identity
// link, a provision record (and its audit entries) and a delivery waiting in the inbox.
import { randomBytes } from "node:crypto";
import { Prisma } from "#prisma/sqlite";
import { INTERNAL_COLUMNS, type Db } from "../../../app/db.factory";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";
import { emailSubjectHash } from "../../../app/privacy/keyedHash";
import { recordConsent } from "../../../app/privacy/consent/ledger";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { appendRequestEvent } from "../../../app/privacy/requests/timeline";
import { createProvisionRecord } from "../../../app/privacy/records/provisionLedger";
import { auditRecords } from "../../../app/privacy/records/audit";

export interface Person {
  id?: number;
  email: string;
  phone: string;
  name: string;
}

/** Ids of every row written for the person, by model. */
export type Footprint = Record<string, string[]>;

export async function seedFootprint(db: Db, shop: string, person: Person): Promise<Footprint> {
  const rows: Footprint = {};
  const add = (model: string, id: string) => (rows[model] ??= []).push(id);
  const request = await createPrivacyRequest(
    db,
    {
      shop,
      type: "disclosure",
      source: person.id ? "storefront" : "staff_phone",
      email: person.email.toUpperCase(),
      phone: person.phone,
      customerName: person.name,
      message: `${person.name} asks for a copy; call ${person.phone}`,
      ...(person.id ? { shopifyCustomerId: String(person.id) } : {}),
    },
    "staff",
  );
  add("PrivacyRequest", request.id);
  await appendRequestEvent(db, { shop, requestId: request.id, actor: "staff", action: "note_added", detail: { note: `called ${person.phone}`, count: 1 } });
  for (const event of await db.requestEvent.findMany({ where: { requestId: request.id } })) add("RequestEvent", event.id);
  for (const mail of await db.outboundMail.findMany({ where: { requestId: request.id } })) add("OutboundMail", mail.id);
  for (const trigger of await db.flowTriggerEvent.findMany({ where: { requestId: request.id } })) add("FlowTriggerEvent", trigger.id);
  const grant = await db.accountDownloadGrant.create({
    data: { shop, requestId: request.id, tokenHash: randomBytes(32).toString("hex"), format: "json", language: "ja", expiresAt: new Date(Date.now() + 300_000) },
  });
  add("AccountDownloadGrant", grant.id);
  const delivery = await db.packageDelivery.create({
    data: { shop, requestId: request.id, method: "electronic", tokenHash: randomBytes(32).toString("hex"), expiresAt: new Date(Date.now() + 86_400_000), maxDownloads: 5 },
  });
  add("PackageDelivery", delivery.id);

  const choiceAt = new Date(Date.now() - 60_000);
  if (person.id) {
    add("ConsentRecord", (await recordConsent(db, { shop, shopifyCustomerId: String(person.id), kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt })).id);
  }
  add("ConsentRecord", (await recordConsent(db, { shop, email: person.email, kind: "policy", granted: true, source: "storefront_form", choiceAt, evidence: `request form ${request.reference}` })).id);
  const form = await db.formSubmission.create({
    data: { shop, fingerprint: randomBytes(16).toString("hex"), requestId: request.id, reference: request.reference, subjectHash: emailSubjectHash(shop, person.email) },
  });
  add("FormSubmission", form.id);
  const job = await db.job.create({ data: { shop, kind: "disclosure_package", requestId: request.id, input: JSON.stringify({ customerId: person.id ?? null }), result: person.name } });
  add("Job", job.id);
  const token = await db.identityToken.create({ data: { shop, requestId: request.id, tokenHash: randomBytes(32).toString("hex"), expiresAt: new Date(Date.now() + 86_400_000) } });
  add("IdentityToken", token.id);
  const provision = await createProvisionRecord(
    db,
    shop,
    {
      direction: "provided",
      firstProvidedAt: choiceAt,
      lastProvidedAt: choiceAt,
      continuous: false,
      counterpartyName: "Kobe Logistics",
      counterpartyAddress: "",
      counterpartyRepresentative: "",
      shopifyCustomerId: person.id ? String(person.id) : null,
      subjectEmail: person.email,
      subjectLabel: person.name,
      items: ["name", "address"],
      basis: "consent",
      basisNote: "",
      acquisitionNote: "",
      contractServesAsRecord: false,
      notes: `shipped to ${person.name}`,
    },
    "staff",
  );
  add("ProvisionRecord", provision.id);
  const payload = { shop_domain: shop, customer: { id: person.id ?? null, email: person.email, phone: person.phone }, orders_requested: [], data_request: { id: 1 } };
  const event = await db.webhookEvent.create({
    data: {
      deliveryKey: `id:${randomBytes(8).toString("hex")}`,
      shop,
      topic: "customers/data_request",
      payload: JSON.stringify(payload),
      status: "failed",
      subjectKey: deliverySubjectKey(shop, "customers/data_request", payload),
    },
  });
  add("WebhookEvent", event.id);
  return rows;
}

/** Audit entries of the kinds the app writes, with small numbers in them (a customer id of 1 must not match them). */
export async function seedAuditEntries(db: Db, shop: string) {
  await auditRecords(db, shop, "system", "provision.purged", { count: 1, before: new Date().toISOString() });
  await auditRecords(db, shop, "staff", "processors.seeded", { added: 1 });
  await auditRecords(db, shop, "staff", "provision.disclosed", { requestId: "1", records: 1, format: "csv" });
}

/** Every row of every model, by model and row key (the id where there is one). */
export async function snapshot(db: Db): Promise<Map<string, Map<string, string>>> {
  const all = new Map<string, Map<string, string>>();
  for (const model of Prisma.dmmf.datamodel.models) {
    const name = model.name.charAt(0).toLowerCase() + model.name.slice(1);
    const delegate = (db as unknown as Record<string, { findMany(args?: object): Promise<Array<Record<string, unknown>>> }>)[name];
    // With the internal hash columns, which queries leave out unless asked.
    const internal = (INTERNAL_COLUMNS as Record<string, Record<string, boolean>>)[name] ?? {};
    const rows = new Map<string, string>();
    for (const row of await delegate.findMany({ omit: Object.fromEntries(Object.keys(internal).map((column) => [column, false])) })) {
      const text = JSON.stringify(row, (_, value) => (typeof value === "bigint" ? value.toString() : value));
      rows.set(typeof row.id === "string" ? row.id : text, text);
    }
    all.set(model.name, rows);
  }
  return all;
}
