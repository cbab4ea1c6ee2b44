// A stop-use request (APPI 35) withdraws the person's consents to further use. Recorded as
// ordinary ledger rows, so the history shows both the consent and the request that ended it.
import { CONSENT_KINDS, type ConsentKind } from "./consentTypes";
import { recordConsent, type ConsentRecord, type LedgerDb } from "./ledger";

/** Everything except the acceptance of the policy itself, which is a record of what was read. */
export const STOP_USE_KINDS: ConsentKind[] = CONSENT_KINDS.filter((kind) => kind !== "policy");

export async function recordStopUse(
  db: LedgerDb,
  input: { shop: string; shopifyCustomerId?: string; email?: string; requestReference: string; choiceAt: Date; kinds?: ConsentKind[] },
): Promise<ConsentRecord[]> {
  const kinds = input.kinds?.length ? input.kinds : STOP_USE_KINDS;
  const records: ConsentRecord[] = [];
  for (const kind of kinds) {
    records.push(
      await recordConsent(db, {
        shop: input.shop,
        shopifyCustomerId: input.shopifyCustomerId,
        email: input.shopifyCustomerId ? undefined : input.email,
        kind,
        granted: false,
        source: "stop_use_request",
        choiceAt: input.choiceAt,
        evidence: `stop-use request ${input.requestReference}`.slice(0, 500),
      }),
    );
  }
  return records;
}
