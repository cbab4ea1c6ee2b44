// What staff do to the customer's data in Shopify for a request: correct it, stop its use, ask
// Shopify to erase it. Each is one or a few Admin GraphQL mutations; the request's timeline is
// written only after Shopify accepted them, so the record never claims more than happened.
import { startWorkWhenReady } from "./workflow";
import type { Db } from "../../db.factory";
import { adminQuery, assertNoUserErrors, customerGid, type AdminGraphql, type QueryOptions, type UserError } from "../adminApi";
import { recordStopUse } from "../consent/stopUse";
import { addDays, addMonths } from "./deadlines";
import { getRequestForShop } from "./findRequest";
import type { PrivacyRequest } from "./createRequest";
import { isFinalStatus } from "./stateMachine";
import { appendRequestEvent } from "./timeline";
import { CORRECTABLE_FIELDS, isCorrectableField, RequestInputError, type CorrectableField } from "./requestTypes";

export const STOP_USE_TAG = "privacy-stop-use";
/** Shopify erases a customer 10 days after the request, or holds it until 6 months after the last order. */
export const ERASURE_DELAY_DAYS = 10;
export const ERASURE_HOLD_MONTHS = 6;

type Payload = { userErrors?: UserError[] | null };

async function workableRequest(db: Db, shop: string, id: string, types: readonly string[]): Promise<PrivacyRequest & { shopifyCustomerId: string }> {
  const request = await getRequestForShop(db, shop, id);
  if (isFinalStatus(request.status)) throw new RequestInputError("The request is closed", "status", "request_closed");
  if (!types.includes(request.type)) throw new RequestInputError(`This action does not apply to a ${request.type} request`, "type", "wrong_type");
  if (request.identityStatus !== "verified") throw new RequestInputError("Verify the person's identity first", "identity", "identity_required");
  if (!request.shopifyCustomerId) throw new RequestInputError("Link the request to a Shopify customer first", "shopifyCustomerId", "customer_required");
  return request as PrivacyRequest & { shopifyCustomerId: string };
}

// ---------------------------------------------------------------------------------------------
// Correction (APPI 34)

const CUSTOMER_CURRENT = `#graphql
  query PrivacyDeskCustomerCurrent($id: ID!) {
    customer(id: $id) { id ${CORRECTABLE_FIELDS.join(" ")} }
  }`;

const CUSTOMER_UPDATE = `#graphql
  mutation PrivacyDeskCorrectCustomer($input: CustomerInput!) {
    customerUpdate(input: $input) { customer { id ${CORRECTABLE_FIELDS.join(" ")} } userErrors { field message } }
  }`;

export interface CorrectionRow {
  field: CorrectableField;
  current: string | null;
  requested: string;
  changed: boolean;
}

export function requestedChangesOf(request: PrivacyRequest): Partial<Record<CorrectableField, string>> {
  try {
    const parsed = JSON.parse(request.requestedChanges) as Record<string, unknown>;
    const out: Partial<Record<CorrectableField, string>> = {};
    for (const [field, value] of Object.entries(parsed)) if (isCorrectableField(field) && typeof value === "string") out[field] = value;
    return out;
  } catch {
    return {};
  }
}

/** Current values in Shopify beside the requested ones, for the side-by-side view. */
export async function correctionView(db: Db, api: AdminGraphql, shop: string, id: string, options: QueryOptions = {}): Promise<CorrectionRow[]> {
  const request = await workableRequest(db, shop, id, ["correction"]);
  const data = await adminQuery<{ customer: Record<string, string | null> | null }>(api, CUSTOMER_CURRENT, { id: customerGid(request.shopifyCustomerId) }, options);
  if (!data.customer) throw new RequestInputError("The linked Shopify customer no longer exists", "shopifyCustomerId", "customer_missing");
  return Object.entries(requestedChangesOf(request)).map(([field, requested]) => {
    const current = data.customer![field] ?? null;
    return { field: field as CorrectableField, current, requested: requested!, changed: (current ?? "") !== requested };
  });
}

/** Applies the requested values (or the subset staff chose, possibly edited) with customerUpdate. */
export async function applyCorrection(
  db: Db,
  api: AdminGraphql,
  shop: string,
  id: string,
  actor: string,
  values?: Partial<Record<string, string>>,
  options: QueryOptions = {},
) {
  const request = await workableRequest(db, shop, id, ["correction"]);
  // Correcting is working on the request: a verified request waiting for work starts now.
  await startWorkWhenReady(db, request, actor);
  const chosen = values ?? requestedChangesOf(request);
  const input: Record<string, string> = {};
  for (const [field, value] of Object.entries(chosen)) {
    if (!isCorrectableField(field)) throw new RequestInputError(`${field} cannot be corrected`, field);
    if (typeof value !== "string") throw new RequestInputError(`${field} must be text`, field);
    input[field] = value.trim();
  }
  if (Object.keys(input).length === 0) throw new RequestInputError("Nothing to correct", "requestedChanges", "nothing_to_correct");
  const data = await adminQuery<{ customerUpdate: Payload }>(api, CUSTOMER_UPDATE, { input: { id: customerGid(request.shopifyCustomerId), ...input } }, options);
  assertNoUserErrors(data.customerUpdate);
  await appendRequestEvent(db, { shop, requestId: id, actor, action: "correction_applied", detail: { fields: Object.keys(input) } });
  return Object.keys(input);
}

// ---------------------------------------------------------------------------------------------
// Stop use (APPI 35)

const CUSTOMER_CONTACT = `#graphql
  query PrivacyDeskCustomerContact($id: ID!) {
    customer(id: $id) { id email phone }
  }`;

const EMAIL_CONSENT = `#graphql
  mutation PrivacyDeskStopEmail($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) { customer { id } userErrors { field message code } }
  }`;

const SMS_CONSENT = `#graphql
  mutation PrivacyDeskStopSms($input: CustomerSmsMarketingConsentUpdateInput!) {
    customerSmsMarketingConsentUpdate(input: $input) { customer { id } userErrors { field message code } }
  }`;

const TAGS_ADD = `#graphql
  mutation PrivacyDeskTag($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
  }`;

export interface StopUseOutcome {
  email: boolean;
  sms: boolean;
  tagged: boolean;
  ledgerRecords: number;
}

/** Unsubscribes email and SMS marketing, tags the customer and records the withdrawal in the ledger. */
export async function applyStopUse(db: Db, api: AdminGraphql, shop: string, id: string, actor: string, now = new Date(), options: QueryOptions = {}): Promise<StopUseOutcome> {
  const request = await workableRequest(db, shop, id, ["stop_use"]);
  await startWorkWhenReady(db, request, actor, now);
  const gid = customerGid(request.shopifyCustomerId);
  const contact = await adminQuery<{ customer: { email: string | null; phone: string | null } | null }>(api, CUSTOMER_CONTACT, { id: gid }, options);
  if (!contact.customer) throw new RequestInputError("The linked Shopify customer no longer exists", "shopifyCustomerId", "customer_missing");
  const consentUpdatedAt = now.toISOString();
  const outcome: StopUseOutcome = { email: false, sms: false, tagged: false, ledgerRecords: 0 };
  // Shopify rejects a consent change for a channel the customer has no address for.
  if (contact.customer.email) {
    const data = await adminQuery<{ customerEmailMarketingConsentUpdate: Payload }>(
      api,
      EMAIL_CONSENT,
      { input: { customerId: gid, emailMarketingConsent: { marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt } } },
      options,
    );
    assertNoUserErrors(data.customerEmailMarketingConsentUpdate);
    outcome.email = true;
  }
  if (contact.customer.phone) {
    const data = await adminQuery<{ customerSmsMarketingConsentUpdate: Payload }>(
      api,
      SMS_CONSENT,
      { input: { customerId: gid, smsMarketingConsent: { marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt } } },
      options,
    );
    assertNoUserErrors(data.customerSmsMarketingConsentUpdate);
    outcome.sms = true;
  }
  const tagged = await adminQuery<{ tagsAdd: Payload }>(api, TAGS_ADD, { id: gid, tags: [STOP_USE_TAG] }, options);
  assertNoUserErrors(tagged.tagsAdd);
  outcome.tagged = true;
  await db.$transaction(async (tx) => {
    const records = await recordStopUse(tx, { shop, shopifyCustomerId: request.shopifyCustomerId, requestReference: request.reference, choiceAt: now });
    outcome.ledgerRecords = records.length;
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "stop_use_applied", at: now, detail: { ...outcome, tag: STOP_USE_TAG } });
  });
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Erasure through Shopify

const LAST_ORDER = `#graphql
  query PrivacyDeskLastOrder($id: ID!) {
    customer(id: $id) { id orders(first: 1, sortKey: CREATED_AT, reverse: true) { nodes { id createdAt } } }
  }`;

const REQUEST_ERASURE = `#graphql
  mutation PrivacyDeskRequestErasure($customerId: ID!) {
    customerRequestDataErasure(customerId: $customerId) { customerId userErrors { field message code } }
  }`;

const CANCEL_ERASURE = `#graphql
  mutation PrivacyDeskCancelErasure($customerId: ID!) {
    customerCancelDataErasure(customerId: $customerId) { customerId userErrors { field message code } }
  }`;

export interface ErasureSchedule {
  requestedAt: Date;
  lastOrderAt: Date | null;
  /** True when Shopify holds the erasure because of a recent order. */
  heldForOrders: boolean;
  expectedErasureAt: Date;
}

/** When Shopify will erase: 10 days after the request, or 6 months after the last order if later. */
export function erasureSchedule(requestedAt: Date, lastOrderAt: Date | null): ErasureSchedule {
  const afterDelay = addDays(requestedAt, ERASURE_DELAY_DAYS);
  const afterHold = lastOrderAt ? addMonths(lastOrderAt, ERASURE_HOLD_MONTHS) : null;
  const heldForOrders = Boolean(afterHold && afterHold.getTime() > afterDelay.getTime());
  return { requestedAt, lastOrderAt, heldForOrders, expectedErasureAt: heldForOrders ? afterHold! : afterDelay };
}

async function lastOrderAt(api: AdminGraphql, customerId: string, options: QueryOptions): Promise<Date | null> {
  const last = await adminQuery<{ customer: { orders: { nodes: Array<{ createdAt: string }> } } | null }>(api, LAST_ORDER, { id: customerGid(customerId) }, options);
  if (!last.customer) throw new RequestInputError("The linked Shopify customer no longer exists", "shopifyCustomerId", "customer_missing");
  const lastOrder = last.customer.orders.nodes[0];
  return lastOrder ? new Date(lastOrder.createdAt) : null;
}

/** What requesting erasure now would schedule, read from the customer's last order before staff decide. */
export async function projectedErasureSchedule(db: Db, api: AdminGraphql, shop: string, id: string, now = new Date(), options: QueryOptions = {}): Promise<ErasureSchedule> {
  const request = await workableRequest(db, shop, id, ["stop_use"]);
  return erasureSchedule(now, await lastOrderAt(api, request.shopifyCustomerId, options));
}

export async function requestShopifyErasure(db: Db, api: AdminGraphql, shop: string, id: string, actor: string, now = new Date(), options: QueryOptions = {}): Promise<ErasureSchedule> {
  const request = await workableRequest(db, shop, id, ["stop_use"]);
  if (request.erasureRequestedAt) throw new RequestInputError("Erasure has already been requested", "erasure", "erasure_already_requested");
  await startWorkWhenReady(db, request, actor, now);
  const lastOrder = await lastOrderAt(api, request.shopifyCustomerId, options);
  const data = await adminQuery<{ customerRequestDataErasure: Payload }>(api, REQUEST_ERASURE, { customerId: customerGid(request.shopifyCustomerId) }, options);
  assertNoUserErrors(data.customerRequestDataErasure);
  const schedule = erasureSchedule(now, lastOrder);
  await db.$transaction(async (tx) => {
    await tx.privacyRequest.update({ where: { id }, data: { erasureRequestedAt: now } });
    await appendRequestEvent(tx, {
      shop,
      requestId: id,
      actor,
      action: "erasure_requested",
      at: now,
      detail: { lastOrderAt: schedule.lastOrderAt?.toISOString() ?? null, heldForOrders: schedule.heldForOrders, expectedErasureAt: schedule.expectedErasureAt.toISOString() },
    });
  });
  return schedule;
}

export async function cancelShopifyErasure(db: Db, api: AdminGraphql, shop: string, id: string, actor: string, options: QueryOptions = {}) {
  const request = await getRequestForShop(db, shop, id);
  // The decision notice told the person their data would be erased; a closed request keeps that promise.
  if (isFinalStatus(request.status)) throw new RequestInputError("The request is closed", "status", "request_closed");
  if (!request.erasureRequestedAt || !request.shopifyCustomerId) throw new RequestInputError("No erasure has been requested for this request", "erasure", "no_erasure");
  const data = await adminQuery<{ customerCancelDataErasure: Payload }>(api, CANCEL_ERASURE, { customerId: customerGid(request.shopifyCustomerId) }, options);
  assertNoUserErrors(data.customerCancelDataErasure);
  await db.$transaction(async (tx) => {
    await tx.privacyRequest.update({ where: { id }, data: { erasureRequestedAt: null } });
    await appendRequestEvent(tx, { shop, requestId: id, actor, action: "erasure_cancelled" });
  });
}

/** The erasure schedule recorded on the request's timeline, for the request page. */
export async function recordedErasureSchedule(db: Db, shop: string, id: string): Promise<ErasureSchedule | null> {
  const request = await getRequestForShop(db, shop, id);
  if (!request.erasureRequestedAt) return null;
  const event = await db.requestEvent.findFirst({ where: { shop, requestId: id, action: "erasure_requested" }, orderBy: { at: "desc" } });
  const detail = event ? (JSON.parse(event.detail) as { lastOrderAt?: string | null }) : {};
  return erasureSchedule(request.erasureRequestedAt, detail.lastOrderAt ? new Date(detail.lastOrderAt) : null);
}
