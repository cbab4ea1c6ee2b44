// The third-party provision ledger (APPI 29) and its mirror for data received (APPI 30).
import type { ProvisionRecord } from "#prisma/sqlite";
import { emailSubjectHash } from "../keyedHash";
import { auditRecords, type Client } from "./audit";
import { retentionEndsAt } from "./retention";
import { FormReader, type FormInput, type Parsed } from "./validation";

import { PROVISION_BASES, PROVISION_DIRECTIONS, type ProvisionBasis, type ProvisionDirection } from "./recordKinds";

export interface ProvisionInput {
  direction: ProvisionDirection;
  firstProvidedAt: Date;
  lastProvidedAt: Date;
  continuous: boolean;
  counterpartyName: string;
  counterpartyAddress: string;
  counterpartyRepresentative: string;
  shopifyCustomerId: string | null;
  /** Used only to compute the keyed subject hash; never stored. */
  subjectEmail: string;
  subjectLabel: string;
  items: string[];
  basis: ProvisionBasis;
  basisNote: string;
  acquisitionNote: string;
  contractServesAsRecord: boolean;
  notes: string;
}

export function parseProvisionInput(input: FormInput): Parsed<ProvisionInput> {
  const form = new FormReader(input);
  const direction = form.choice("direction", PROVISION_DIRECTIONS);
  const firstProvidedAt = form.date("firstProvidedAt", { required: true });
  const continuous = form.flag("continuous");
  // A one-off provision has one date; only continuous provision has a separate last date.
  const lastProvidedAt = (continuous ? form.date("lastProvidedAt") : null) ?? firstProvidedAt;
  if (firstProvidedAt && lastProvidedAt && lastProvidedAt < firstProvidedAt) form.errors.lastProvidedAt = "records.error.dateOrder";
  const customerId = form.text("shopifyCustomerId", { max: 40 });
  if (customerId && !/^\d+$/.test(customerId)) form.errors.shopifyCustomerId = "records.error.customerId";
  const subjectEmail = form.text("subjectEmail", { max: 320 });
  if (subjectEmail && !/^[^\s@]+@[^\s@]+$/.test(subjectEmail)) form.errors.subjectEmail = "records.error.email";
  const value: ProvisionInput = {
    direction,
    firstProvidedAt: firstProvidedAt ?? new Date(0),
    lastProvidedAt: lastProvidedAt ?? new Date(0),
    continuous,
    counterpartyName: form.text("counterpartyName", { required: true, max: 200 }),
    counterpartyAddress: form.text("counterpartyAddress", { max: 400 }),
    counterpartyRepresentative: form.text("counterpartyRepresentative", { max: 200 }),
    shopifyCustomerId: customerId || null,
    subjectEmail,
    subjectLabel: form.text("subjectLabel", { max: 200 }),
    items: form.list("items", { required: true }),
    basis: form.choice("basis", PROVISION_BASES),
    basisNote: form.text("basisNote", { max: 1000 }),
    acquisitionNote: form.text("acquisitionNote", { max: 1000 }),
    contractServesAsRecord: form.flag("contractServesAsRecord"),
    notes: form.text("notes", { max: 4000 }),
  };
  if (!value.shopifyCustomerId && !value.subjectEmail && !value.subjectLabel) form.errors.subjectLabel = "records.error.subject";
  return form.result(value);
}

function rowData(shop: string, input: ProvisionInput) {
  return {
    direction: input.direction,
    firstProvidedAt: input.firstProvidedAt,
    lastProvidedAt: input.lastProvidedAt,
    continuous: input.continuous,
    counterpartyName: input.counterpartyName,
    counterpartyAddress: input.counterpartyAddress,
    counterpartyRepresentative: input.counterpartyRepresentative,
    shopifyCustomerId: input.shopifyCustomerId,
    subjectHash: input.subjectEmail ? emailSubjectHash(shop, input.subjectEmail) : null,
    subjectLabel: input.subjectLabel,
    items: JSON.stringify(input.items),
    basis: input.basis,
    basisNote: input.basisNote,
    acquisitionNote: input.direction === "received" ? input.acquisitionNote : "",
    contractServesAsRecord: input.contractServesAsRecord,
    retentionEndsAt: retentionEndsAt(input.lastProvidedAt, input.contractServesAsRecord),
    notes: input.notes,
  };
}

export async function createProvisionRecord(db: Client, shop: string, input: ProvisionInput, actor: string): Promise<ProvisionRecord> {
  const record = await db.provisionRecord.create({ data: { shop, ...rowData(shop, input) } });
  await auditRecords(db, shop, actor, "provision.created", { id: record.id, direction: record.direction });
  return record;
}

/** Updates a record of this shop; null when the id belongs to no record of the shop. */
export async function updateProvisionRecord(
  db: Client,
  shop: string,
  id: string,
  input: ProvisionInput,
  actor: string,
): Promise<ProvisionRecord | null> {
  const existing = await findProvisionRecord(db, shop, id);
  if (!existing) return null;
  const data = rowData(shop, input);
  // An edit without a new email keeps the subject the record already had.
  if (!input.subjectEmail) data.subjectHash = existing.subjectHash;
  const record = await db.provisionRecord.update({ where: { id: existing.id }, data });
  await auditRecords(db, shop, actor, "provision.updated", { id });
  return record;
}

export async function deleteProvisionRecord(db: Client, shop: string, id: string, actor: string): Promise<boolean> {
  const { count } = await db.provisionRecord.deleteMany({ where: { shop, id } });
  if (count) await auditRecords(db, shop, actor, "provision.deleted", { id });
  return count > 0;
}

export function findProvisionRecord(db: Client, shop: string, id: string) {
  return db.provisionRecord.findFirst({ where: { shop, id } });
}

export function listProvisionRecords(db: Client, shop: string, direction: ProvisionDirection, take = 200) {
  return db.provisionRecord.findMany({ where: { shop, direction }, orderBy: { lastProvidedAt: "desc" }, take });
}
