// The consent ledger: one row per choice a person made, appended and never changed. What a person
// currently agrees to is derived from these rows (see consentState.ts), so a late or repeated
// delivery of an old choice adds history without overwriting a newer one.
import type { Db, Prisma } from "../../db.factory";
import { isConsentKind, isConsentSource, type ConsentKind, type ConsentSource } from "./consentTypes";
import { ConsentInputError, normaliseCustomerId, subjectKeyFor } from "./subject";

export { ConsentInputError } from "./subject";

export type ConsentRecord = Awaited<ReturnType<Db["consentRecord"]["create"]>>;
export type LedgerDb = Db | Prisma.TransactionClient;

export interface ConsentEntry {
  shop: string;
  shopifyCustomerId?: string;
  /** Only hashed into the subject key; never stored. */
  email?: string;
  /** The consent banner's random id for an anonymous visitor; only hashed into the subject key, never stored. */
  visitorId?: string;
  kind: ConsentKind | string;
  granted: boolean;
  policyVersion?: number;
  source: ConsentSource | string;
  /** When the person made the choice (not when it reached us). */
  choiceAt: Date;
  /** What the person was shown, e.g. "policy v3 ja" or "banner wording 2"; no personal data. */
  evidence?: string;
}

const MAX_EVIDENCE = 500;
// A choice dated far in the future is a clock or parsing error, and would outrank every real choice.
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export function validateConsentEntry(entry: ConsentEntry, now = new Date()): void {
  if (!entry.shop || typeof entry.shop !== "string") throw new ConsentInputError("shop is required", "shop");
  if (!isConsentKind(entry.kind)) throw new ConsentInputError(`unknown consent kind: ${String(entry.kind)}`, "kind");
  if (!isConsentSource(entry.source)) throw new ConsentInputError(`unknown consent source: ${String(entry.source)}`, "source");
  if (typeof entry.granted !== "boolean") throw new ConsentInputError("granted must be true or false", "granted");
  if (!(entry.choiceAt instanceof Date) || Number.isNaN(entry.choiceAt.getTime())) {
    throw new ConsentInputError("choiceAt must be a valid date", "choiceAt");
  }
  if (entry.choiceAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ConsentInputError("choiceAt is in the future", "choiceAt");
  }
  if (entry.policyVersion !== undefined && entry.policyVersion !== null) {
    if (!Number.isInteger(entry.policyVersion) || entry.policyVersion < 1) {
      throw new ConsentInputError("policyVersion must be a positive whole number", "policyVersion");
    }
  }
  if (entry.evidence !== undefined && typeof entry.evidence !== "string") {
    throw new ConsentInputError("evidence must be text", "evidence");
  }
  if ((entry.evidence ?? "").length > MAX_EVIDENCE) {
    throw new ConsentInputError(`evidence is longer than ${MAX_EVIDENCE} characters`, "evidence");
  }
}

/** The ledger row for one choice (validated; a ConsentInputError otherwise), not yet written. */
export function consentRow(entry: ConsentEntry) {
  validateConsentEntry(entry);
  const subjectKey = subjectKeyFor(entry.shop, entry);
  const customerId = entry.shopifyCustomerId ? normaliseCustomerId(entry.shopifyCustomerId) : null;
  return {
    shop: entry.shop,
    subjectKey,
    shopifyCustomerId: customerId,
    kind: entry.kind,
    granted: entry.granted,
    policyVersion: entry.policyVersion ?? null,
    source: entry.source,
    choiceAt: entry.choiceAt,
    evidence: entry.evidence ?? "",
  };
}

/** Appends one choice to the ledger. Works inside a caller's transaction. */
export async function recordConsent(db: LedgerDb, entry: ConsentEntry): Promise<ConsentRecord> {
  return db.consentRecord.create({ data: consentRow(entry) });
}

/**
 * Appends several choices in one statement, the rows recordConsent would write one by one (in
 * order); every entry is validated before anything is written.
 */
export async function recordConsents(db: LedgerDb, entries: ConsentEntry[]): Promise<number> {
  const rows = entries.map(consentRow);
  if (!rows.length) return 0;
  return (await db.consentRecord.createMany({ data: rows })).count;
}
