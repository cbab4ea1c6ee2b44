// The Privacy page of a logged-in customer's account (a customer account UI extension): the
// requests they made and where each stands, a new request, their disclosure package once it is
// ready, and their marketing consent. The customer is the one Shopify's customer-account session
// token names; nothing here reads or writes another customer's rows.
import type { Db } from "../../db.factory";
import { adminQuery, assertNoUserErrors, customerGid, type AdminGraphql } from "../adminApi";
import { deriveConsentState } from "../consent/consentState";
import { customerSubjectKey, emailSubjectKeys } from "../consent/subject";
import { recordConsent } from "../consent/ledger";
import { lastPurposesChange } from "../policy/publishedPolicy";
import { createPrivacyRequest, type PrivacyRequest } from "../requests/createRequest";
import { loadDeskSettings, settingsTimeZone } from "../requests/deskSettings";
import { isFinalStatus } from "../requests/stateMachine";
import { latestDisclosurePackage } from "../disclosure";
import { linkState } from "../disclosure/delivery";
import { isRequestType, OPEN_STATUSES, RequestInputError, RequestNotFoundError } from "../requests/requestTypes";
import { customerDisplayName, shopifyCustomerCard } from "./shopifyCustomer";

/** A customer may have this many requests open at once; more is a mistake or an attack on the desk. */
export const MAX_OPEN_ACCOUNT_REQUESTS = 5;
export const MAX_ACCOUNT_MESSAGE = 5_000;
/** Requests whose answer is a package the person downloads. */
const PACKAGE_TYPES = ["disclosure", "provision_records"];

export interface AccountRequest {
  id: string;
  reference: string;
  type: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  closedAt: string | null;
  open: boolean;
  /** The disclosure package can be downloaded now. */
  packageReady: boolean;
}

export interface AccountConsent {
  channel: "email" | "sms";
  /** The customer has an address (email) or number (SMS) to be reached on. */
  available: boolean;
  granted: boolean | null;
  choiceAt: string | null;
}

export interface AccountPrivacy {
  timeZone: string;
  requests: AccountRequest[];
  consent: AccountConsent[];
  canFile: boolean;
}

async function requireCustomer(api: AdminGraphql, customerId: string) {
  const card = await shopifyCustomerCard(api, customerId);
  // The token names a customer the shop no longer has (deleted, erased): nothing to show or change.
  if (!card) throw new RequestNotFoundError();
  return card;
}

/** A package is handed to the person once staff completed the request, electronically. */
export async function packageReady(db: Db, request: PrivacyRequest): Promise<boolean> {
  if (!PACKAGE_TYPES.includes(request.type) || request.status !== "completed" || request.deliveryMethod !== "electronic") return false;
  // Expired or used up: the one delivery the account page shares with the notice's link.
  const delivery = await db.packageDelivery.findUnique({ where: { requestId: request.id } });
  if (delivery && linkState(delivery) !== "open") return false;
  return (await latestDisclosurePackage(db, request.shop, request.id)) !== null;
}

export async function accountPrivacy(db: Db, api: AdminGraphql, shop: string, customerId: string): Promise<AccountPrivacy> {
  const card = await requireCustomer(api, customerId);
  const [settings, requests, records, purposesChange] = await Promise.all([
    loadDeskSettings(db, shop),
    db.privacyRequest.findMany({ where: { shop, shopifyCustomerId: customerId }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: 50 }),
    db.consentRecord.findMany({
      where: { shop, subjectKey: { in: [customerSubjectKey(customerId), ...(card.email ? emailSubjectKeys(shop, card.email) : [])] }, kind: { in: ["email_marketing", "sms_marketing"] } },
    }),
    lastPurposesChange(db, shop),
  ]);
  const state = deriveConsentState(records, purposesChange);
  // The ledger's word first; a customer it has no choice of yet sees what Shopify holds.
  const consent = (channel: "email" | "sms"): AccountConsent => {
    const entry = state.get(`${channel}_marketing`);
    const atShopify = (channel === "email" ? card.emailMarketingConsent : card.smsMarketingConsent)?.marketingState;
    const granted = entry ? entry.granted : atShopify === "SUBSCRIBED" ? true : atShopify === "UNSUBSCRIBED" || atShopify === "NOT_SUBSCRIBED" ? false : null;
    return { channel, available: Boolean(channel === "email" ? card.email : card.phone), granted, choiceAt: entry?.choiceAt.toISOString() ?? null };
  };
  const open = requests.filter((request) => (OPEN_STATUSES as readonly string[]).includes(request.status)).length;
  return {
    timeZone: settingsTimeZone(settings),
    requests: await Promise.all(
      requests.map(async (request) => ({
        id: request.id,
        reference: request.reference,
        type: request.type,
        status: request.status,
        receivedAt: request.receivedAt.toISOString(),
        dueAt: request.dueAt.toISOString(),
        closedAt: request.closedAt?.toISOString() ?? null,
        open: !isFinalStatus(request.status),
        packageReady: await packageReady(db, request),
      })),
    ),
    consent: [consent("email"), consent("sms")],
    canFile: open < MAX_OPEN_ACCOUNT_REQUESTS,
  };
}

export function parseAccountRequestInput(input: { type?: unknown; message?: unknown; language?: unknown }) {
  if (!isRequestType(input.type)) throw new RequestInputError("type is not a request type", "type");
  if (input.message !== undefined && input.message !== null && typeof input.message !== "string") throw new RequestInputError("message must be text", "message");
  const message = typeof input.message === "string" ? input.message.trim() : "";
  if (message.length > MAX_ACCOUNT_MESSAGE) throw new RequestInputError(`message is longer than ${MAX_ACCOUNT_MESSAGE} characters`, "message");
  return { type: input.type, message, language: input.language === "en" ? ("en" as const) : ("ja" as const) };
}

/**
 * A request filed from the account page. Shopify's customer-account session token proves who the
 * customer is, so the request is linked to them and verified by their login; contact details for
 * the notices come from the shop's own customer record.
 */
export async function fileAccountRequest(
  db: Db,
  api: AdminGraphql,
  input: { shop: string; customerId: string; type?: unknown; message?: unknown; language?: unknown },
  now = new Date(),
): Promise<PrivacyRequest> {
  const parsed = parseAccountRequestInput(input);
  const open = await db.privacyRequest.count({ where: { shop: input.shop, shopifyCustomerId: input.customerId, status: { in: [...OPEN_STATUSES] } } });
  if (open >= MAX_OPEN_ACCOUNT_REQUESTS) throw new RequestInputError(`at most ${MAX_OPEN_ACCOUNT_REQUESTS} requests may be open at once`, "type", "too_many_open_requests");
  const card = await requireCustomer(api, input.customerId);
  return createPrivacyRequest(
    db,
    {
      shop: input.shop,
      type: parsed.type,
      source: "customer_account",
      language: parsed.language,
      customerName: customerDisplayName(card, parsed.language),
      email: card.email ?? undefined,
      phone: card.phone ?? undefined,
      message: parsed.message,
      deliveryMethod: "electronic",
      shopifyCustomerId: input.customerId,
      identity: { method: "shopify_customer_login", verifiedAt: now, verifiedBy: "shopify" },
      receivedAt: now,
    },
    "shopper",
  );
}

const SET_EMAIL_CONSENT = `#graphql
  mutation PrivacyDeskAccountEmailConsent($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) { customer { id } userErrors { field message code } }
  }`;

const SET_SMS_CONSENT = `#graphql
  mutation PrivacyDeskAccountSmsConsent($input: CustomerSmsMarketingConsentUpdateInput!) {
    customerSmsMarketingConsentUpdate(input: $input) { customer { id } userErrors { field message code } }
  }`;

type ConsentPayload = { customer: { id: string } | null; userErrors: Array<{ field?: string[] | null; message: string; code?: string | null }> };

/**
 * The customer turns email or SMS marketing on or off. Shopify is told first: if it refuses or is
 * unreachable, nothing is recorded and the customer sees an error. Then the choice goes into the
 * ledger with where it was made; the consent webhook Shopify sends afterwards adds Shopify's own
 * record of the same choice, and would record it even if this write never happened.
 */
export async function changeAccountConsent(
  db: Db,
  api: AdminGraphql,
  input: { shop: string; customerId: string; channel?: unknown; granted?: unknown; language?: unknown },
  now = new Date(),
) {
  if (input.channel !== "email" && input.channel !== "sms") throw new RequestInputError("channel must be email or sms", "channel");
  if (typeof input.granted !== "boolean") throw new RequestInputError("granted must be true or false", "granted");
  const card = await requireCustomer(api, input.customerId);
  if (input.channel === "email" ? !card.email : !card.phone) throw new RequestInputError(`the customer has no ${input.channel === "email" ? "email address" : "phone number"}`, "channel", "no_channel");
  const consentUpdatedAt = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const consent = { marketingState: input.granted ? "SUBSCRIBED" : "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt };
  if (input.channel === "email") {
    const data = await adminQuery<{ customerEmailMarketingConsentUpdate: ConsentPayload }>(api, SET_EMAIL_CONSENT, {
      input: { customerId: customerGid(input.customerId), emailMarketingConsent: consent },
    });
    assertNoUserErrors(data.customerEmailMarketingConsentUpdate);
  } else {
    const data = await adminQuery<{ customerSmsMarketingConsentUpdate: ConsentPayload }>(api, SET_SMS_CONSENT, {
      input: { customerId: customerGid(input.customerId), smsMarketingConsent: consent },
    });
    assertNoUserErrors(data.customerSmsMarketingConsentUpdate);
  }
  const language = input.language === "en" ? "en" : "ja";
  return recordConsent(db, {
    shop: input.shop,
    shopifyCustomerId: input.customerId,
    kind: input.channel === "email" ? "email_marketing" : "sms_marketing",
    granted: input.granted,
    source: "customer_account",
    choiceAt: now,
    evidence: `customer account privacy page (${language})`,
  });
}
