// What a person currently agrees to, derived from their ledger rows. The latest choice per kind
// wins by the time it was made, never by arrival order; equal times resolve the same way whatever
// order the rows came in (a withdrawal beats a grant: when unsure, do not use the data).
import { CONSENT_SOURCES, type ConsentKind } from "./consentTypes";

export interface LedgerChoice {
  kind: string;
  granted: boolean;
  choiceAt: Date;
  source: string;
  policyVersion: number | null;
  evidence: string;
}

export interface CurrentConsent<R extends LedgerChoice = LedgerChoice> {
  kind: string;
  granted: boolean;
  choiceAt: Date;
  policyVersion: number | null;
  source: string;
  /** The row the state came from, for showing its evidence. */
  record: R;
  /** Given under a policy whose purposes of use have since changed. */
  needsRenewal: boolean;
}

/** Total order of choices: later choiceAt wins; ties are broken by content alone. */
export function compareChoices(a: LedgerChoice, b: LedgerChoice): number {
  const time = a.choiceAt.getTime() - b.choiceAt.getTime();
  if (time !== 0) return time;
  if (a.granted !== b.granted) return a.granted ? -1 : 1;
  const version = (a.policyVersion ?? 0) - (b.policyVersion ?? 0);
  if (version !== 0) return version;
  const source = CONSENT_SOURCES.indexOf(a.source as never) - CONSENT_SOURCES.indexOf(b.source as never);
  if (source !== 0) return source;
  return a.evidence < b.evidence ? -1 : a.evidence > b.evidence ? 1 : 0;
}

/**
 * A granted consent tied to a policy version needs renewal when a later version changed the
 * purposes of use. Consents that came without a version (e.g. from Shopify's marketing settings)
 * were not given against the policy text and are left alone, except policy acceptance itself.
 */
export function needsRenewal(choice: Pick<LedgerChoice, "kind" | "granted" | "policyVersion">, lastPurposesChange: number | null): boolean {
  if (!choice.granted || lastPurposesChange === null) return false;
  if (choice.policyVersion === null) return choice.kind === "policy";
  return choice.policyVersion < lastPurposesChange;
}

export function deriveConsentState<R extends LedgerChoice>(records: readonly R[], lastPurposesChange: number | null = null): Map<string, CurrentConsent<R>> {
  const latest = new Map<string, R>();
  for (const record of records) {
    const current = latest.get(record.kind);
    if (!current || compareChoices(record, current) > 0) latest.set(record.kind, record);
  }
  const state = new Map<string, CurrentConsent<R>>();
  for (const [kind, record] of latest) {
    state.set(kind, {
      kind,
      granted: record.granted,
      choiceAt: record.choiceAt,
      policyVersion: record.policyVersion,
      source: record.source,
      record,
      needsRenewal: needsRenewal(record, lastPurposesChange),
    });
  }
  return state;
}

export type ConsentStateByKind = Partial<Record<ConsentKind, CurrentConsent>>;
