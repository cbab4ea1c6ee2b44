// Shopify's marketing-consent webhooks turned into ledger rows. The time of the choice is
// Shopify's consent_updated_at (falling back to when the webhook arrived, as Shopify itself does),
// so a retried or late delivery of an old change cannot outrank a newer one.
import type { Prisma } from "../../db.factory";
import { recordConsent } from "./ledger";
import { normaliseCustomerId, subjectKeyFor } from "./subject";
import { erasedAt } from "../erasedSubjects";

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

/** The inbox worker's handler for both topics; runs inside the worker's transaction. */
export async function handleShopifyConsentEvent(
  tx: Prisma.TransactionClient,
  event: { shop: string; topic: string; payload: unknown; receivedAt: Date },
): Promise<boolean> {
  const choice = parseShopifyConsentPayload(event.topic, event.payload, event.receivedAt);
  if (!choice) return false;
  // After an erasure nothing about the person comes back: a customer id Shopify erased is deleted
  // there, so any update naming it is a replay; for a person known only by email, a change made
  // before the erasure (delivered or replayed after it) stays erased.
  const erased = await erasedAt(tx, event.shop, { customerId: choice.shopifyCustomerId, email: choice.email });
  if (erased && (choice.shopifyCustomerId || choice.choiceAt.getTime() <= erased.getTime())) return false;
  // The signature covers the body, not X-Shopify-Webhook-Id: a captured delivery replayed under new
  // ids would append the same choice again each time. The same change (same subject, kind, state,
  // time and evidence) is one fact, recorded once.
  const entry = { shop: event.shop, source: "shopify_webhook", ...choice };
  const { kind, granted, choiceAt, evidence } = choice;
  const fact = { shop: event.shop, subjectKey: subjectKeyFor(event.shop, entry), kind, granted, choiceAt, evidence, source: entry.source };
  if (await tx.consentRecord.findFirst({ where: fact, select: { id: true } })) return false;
  await recordConsent(tx, entry);
  return true;
}
