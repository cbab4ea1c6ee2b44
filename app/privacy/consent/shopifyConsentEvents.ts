// Shopify's marketing-consent webhooks turned into ledger rows. The time of the choice is
// Shopify's consent_updated_at (falling back to when the webhook arrived, as Shopify itself does),
// so a retried or late delivery of an old change cannot outrank a newer one.
import type { Prisma } from "../../db.factory";
import { consentRow, recordConsents } from "./ledger";
import { normaliseCustomerId, subjectKeyFor } from "./subject";
import { erasedAtEach } from "../erasedSubjects";

export const EMAIL_CONSENT_TOPIC = "customers_email_marketing_consent/update";
export const SMS_CONSENT_TOPIC = "customers_marketing_consent/update";

interface ConsentBlock {
  state?: unknown;
  opt_in_level?: unknown;
  consent_updated_at?: unknown;
}

/** Shopify's states that are a person's choice; pending, invalid and redacted are not. */
const CHOICE_STATES: Record<string, boolean> = { subscribed: true, unsubscribed: false, not_subscribed: false };

export interface ShopifyConsentChoice {
  shopifyCustomerId?: string;
  email?: string;
  kind: "email_marketing" | "sms_marketing";
  granted: boolean;
  choiceAt: Date;
  evidence: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** Reads one webhook payload; null when it carries no choice to record (or is not a payload at all). */
export function parseShopifyConsentPayload(topic: string, payload: unknown, receivedAt: Date): ShopifyConsentChoice | null {
  if (!isRecord(payload)) return null;
  const kind = topic === EMAIL_CONSENT_TOPIC ? "email_marketing" : topic === SMS_CONSENT_TOPIC ? "sms_marketing" : null;
  if (!kind) return null;
  const block = payload[kind === "email_marketing" ? "email_marketing_consent" : "sms_marketing_consent"];
  if (!isRecord(block)) return null;
  const { state, opt_in_level: optInLevel, consent_updated_at: updatedAt } = block as ConsentBlock;
  const stateName = typeof state === "string" ? state.toLowerCase() : "";
  if (!Object.hasOwn(CHOICE_STATES, stateName)) return null;
  // The email topic names the customer customer_id; the SMS topic's documented payload uses id.
  const customerId = normaliseCustomerId((payload.customer_id ?? payload.id) as string | number | undefined);
  const email = kind === "email_marketing" && typeof payload.email_address === "string" ? payload.email_address : undefined;
  if (!customerId && !email) return null;
  let choiceAt = receivedAt;
  if (typeof updatedAt === "string" && !Number.isNaN(Date.parse(updatedAt))) choiceAt = new Date(updatedAt);
  const level = typeof optInLevel === "string" ? optInLevel.toLowerCase() : "unknown";
  return {
    ...(customerId ? { shopifyCustomerId: customerId } : { email }),
    kind,
    granted: CHOICE_STATES[stateName],
    choiceAt: choiceAt.getTime() > receivedAt.getTime() ? receivedAt : choiceAt,
    evidence: `shopify ${stateName} (${level})`,
  };
}

const ledgerEntry = (shop: string, choice: ShopifyConsentChoice) => ({ shop, source: "shopify_webhook", ...choice });

/**
 * Throws for a delivery whose choice the ledger refuses (an email address that is none, with no
 * customer id): checked before a batch's transaction, so that it fails alone and its shop's other
 * updates still commit. A delivery that carries no choice records nothing and passes.
 */
export function checkShopifyConsentEvent(event: { shop: string; topic: string; payload: unknown; receivedAt: Date }): void {
  const choice = parseShopifyConsentPayload(event.topic, event.payload, event.receivedAt);
  if (choice) consentRow(ledgerEntry(event.shop, choice));
}

/** The inbox worker's handler for both topics; runs inside the worker's transaction. */
export async function handleShopifyConsentEvent(
  tx: Prisma.TransactionClient,
  event: { shop: string; topic: string; payload: unknown; receivedAt: Date },
): Promise<boolean> {
  return (await handleShopifyConsentEvents(tx, event.shop, [event])) === 1;
}

/**
 * The handler for several deliveries of one shop, in the order received: the ledger rows that
 * handling each in turn would write, through one look-up of erasures and one insert. Returns how
 * many choices were recorded.
 */
export async function handleShopifyConsentEvents(
  tx: Prisma.TransactionClient,
  shop: string,
  events: Array<{ topic: string; payload: unknown; receivedAt: Date }>,
): Promise<number> {
  const choices = events.map((event) => parseShopifyConsentPayload(event.topic, event.payload, event.receivedAt));
  // After an erasure nothing about the person comes back: a customer id Shopify erased is deleted
  // there, so any update naming it is a replay; for a person known only by email, a change made
  // before the erasure (delivered or replayed after it) stays erased.
  const erased = await erasedAtEach(tx, shop, choices.map((choice) => (choice ? { customerId: choice.shopifyCustomerId, email: choice.email } : null)));
  const entries = choices.flatMap((choice, index) => {
    const at = erased[index];
    if (!choice || (at && (choice.shopifyCustomerId || choice.choiceAt.getTime() <= at.getTime()))) return [];
    const entry = ledgerEntry(shop, choice);
    return [{ entry, subjectKey: subjectKeyFor(shop, entry) }];
  });
  if (!entries.length) return 0;
  // The signature covers the body, not X-Shopify-Webhook-Id: a captured delivery replayed under new
  // ids would append the same choice again each time. The same change (same subject, kind, state,
  // time and evidence) is one fact, recorded once, whether it is in the ledger or earlier in the batch.
  const factOf = (subjectKey: string, row: { kind: string; granted: boolean; choiceAt: Date; evidence: string; source: string }) =>
    JSON.stringify([subjectKey, row.kind, row.granted, row.choiceAt.getTime(), row.evidence, row.source]);
  const recorded = await tx.consentRecord.findMany({
    where: {
      shop,
      subjectKey: { in: [...new Set(entries.map(({ subjectKey }) => subjectKey))] },
      kind: { in: [...new Set(entries.map(({ entry }) => entry.kind))] },
      choiceAt: { in: [...new Set(entries.map(({ entry }) => entry.choiceAt.getTime()))].map((time) => new Date(time)) },
    },
    select: { subjectKey: true, kind: true, granted: true, choiceAt: true, evidence: true, source: true },
  });
  const known = new Set(recorded.map((row) => factOf(row.subjectKey, row)));
  const fresh = entries.filter(({ entry, subjectKey }) => {
    const fact = factOf(subjectKey, entry);
    if (known.has(fact)) return false;
    known.add(fact);
    return true;
  });
  return recordConsents(tx, fresh.map(({ entry }) => entry));
}
