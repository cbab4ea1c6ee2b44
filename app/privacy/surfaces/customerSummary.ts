// What the block on a customer's page in Shopify admin shows: the customer's privacy requests, their
// consent as the ledger derives it, the policy version they accepted, and an erasure pending at
// Shopify. Read-only; everything is scoped to one shop and one customer.
import type { Db } from "../../db.factory";
import { deriveConsentState } from "../consent/consentState";
import { CONSENT_KINDS } from "../consent/consentTypes";
import { customerSubjectKey, emailSubjectKeys } from "../consent/subject";
import { lastPurposesChange, latestPolicyVersion } from "../policy/publishedPolicy";
import { erasureSchedule } from "../requests/shopifyActions";
import { loadDeskSettings, settingsTimeZone } from "../requests/deskSettings";
import { isFinalStatus } from "../requests/stateMachine";

export interface SummaryRequest {
  id: string;
  reference: string;
  type: string;
  status: string;
  source: string;
  receivedAt: string;
  dueAt: string;
  closedAt: string | null;
  open: boolean;
  overdue: boolean;
}

export interface SummaryConsent {
  kind: string;
  granted: boolean;
  choiceAt: string;
  source: string;
  needsRenewal: boolean;
}

export interface CustomerPrivacySummary {
  customerId: string;
  timeZone: string;
  requests: SummaryRequest[];
  consent: SummaryConsent[];
  /** The version the customer last accepted (null: none on record), against the latest published. */
  policy: { acceptedVersion: number | null; acceptedAt: string | null; latestVersion: number | null; needsRenewal: boolean };
  erasure: { reference: string; requestId: string; requestedAt: string; expectedErasureAt: string; heldForOrders: boolean } | null;
}

/** Most recent first; the block shows the first few and links to the desk for the rest. */
export const SUMMARY_REQUESTS = 20;

export async function customerPrivacySummary(
  db: Db,
  shop: string,
  customerId: string,
  options: { email?: string | null; now?: Date } = {},
): Promise<CustomerPrivacySummary> {
  const now = options.now ?? new Date();
  const subjectKeys = [customerSubjectKey(customerId), ...(options.email ? emailSubjectKeys(shop, options.email) : [])];
  const [settings, requests, records, purposesChange, latest] = await Promise.all([
    loadDeskSettings(db, shop),
    db.privacyRequest.findMany({
      where: { shop, shopifyCustomerId: customerId },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: SUMMARY_REQUESTS,
    }),
    db.consentRecord.findMany({ where: { shop, subjectKey: { in: subjectKeys } } }),
    lastPurposesChange(db, shop),
    latestPolicyVersion(db, shop),
  ]);
  const state = deriveConsentState(records, purposesChange);
  const consent = CONSENT_KINDS.filter((kind) => kind !== "policy").flatMap((kind) => {
    const entry = state.get(kind);
    return entry ? [{ kind, granted: entry.granted, choiceAt: entry.choiceAt.toISOString(), source: entry.source, needsRenewal: entry.needsRenewal }] : [];
  });
  const accepted = state.get("policy");
  const pending = requests.find((request) => request.erasureRequestedAt);
  let erasure: CustomerPrivacySummary["erasure"] = null;
  if (pending?.erasureRequestedAt) {
    const event = await db.requestEvent.findFirst({ where: { shop, requestId: pending.id, action: "erasure_requested" }, orderBy: { at: "desc" } });
    const lastOrderAt = event ? (JSON.parse(event.detail) as { lastOrderAt?: string | null }).lastOrderAt : null;
    const schedule = erasureSchedule(pending.erasureRequestedAt, lastOrderAt ? new Date(lastOrderAt) : null);
    erasure = {
      reference: pending.reference,
      requestId: pending.id,
      requestedAt: schedule.requestedAt.toISOString(),
      expectedErasureAt: schedule.expectedErasureAt.toISOString(),
      heldForOrders: schedule.heldForOrders,
    };
  }
  return {
    customerId,
    timeZone: settingsTimeZone(settings),
    requests: requests.map((request) => ({
      id: request.id,
      reference: request.reference,
      type: request.type,
      status: request.status,
      source: request.source,
      receivedAt: request.receivedAt.toISOString(),
      dueAt: request.dueAt.toISOString(),
      closedAt: request.closedAt?.toISOString() ?? null,
      open: !isFinalStatus(request.status),
      overdue: !isFinalStatus(request.status) && request.dueAt.getTime() < now.getTime(),
    })),
    consent,
    policy: {
      acceptedVersion: accepted?.granted ? accepted.policyVersion : null,
      acceptedAt: accepted?.granted ? accepted.choiceAt.toISOString() : null,
      latestVersion: latest?.version ?? null,
      needsRenewal: accepted?.needsRenewal ?? false,
    },
    erasure,
  };
}
