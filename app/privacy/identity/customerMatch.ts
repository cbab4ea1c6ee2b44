// Finding the Shopify customer a request is about, when the shopper was not logged in: search by
// the email, phone and order name they gave, through the Admin API, and let staff confirm one.
import { startWorkWhenReady } from "../requests/workflow";
import type { Db } from "../../db.factory";
import { adminQuery, legacyId, type AdminGraphql, type QueryOptions } from "../adminApi";
import { normaliseCustomerId } from "../consent/subject";
import { appendRequestEvent } from "../requests/timeline";
import { withRequest } from "../requests/lifecycle";
import { getRequestForShop } from "../requests/findRequest";
import { isFinalStatus } from "../requests/stateMachine";
import { RequestInputError } from "../requests/requestTypes";

export type MatchReason = "email" | "phone" | "order";

export interface CustomerCandidate {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  matchedBy: MatchReason[];
}

interface CustomerNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

const CUSTOMER_FIELDS = "id firstName lastName email phone";

const SEARCH_CUSTOMERS = `#graphql
  query PrivacyDeskFindCustomers($query: String!) {
    customers(first: 5, query: $query) { nodes { ${CUSTOMER_FIELDS} } }
  }`;

const SEARCH_ORDER = `#graphql
  query PrivacyDeskFindOrder($query: String!) {
    orders(first: 1, query: $query) { nodes { id name customer { ${CUSTOMER_FIELDS} } } }
  }`;

/** Shopify search syntax: a value with spaces or quotes is quoted, inner quotes escaped. */
export const searchTerm = (field: string, value: string) => `${field}:"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;

export interface MatchSubject {
  email: string;
  phone: string;
  orderName: string;
}

/** Candidates ranked by how many of the given identifiers matched. Read-only. */
export async function proposeCustomerMatches(api: AdminGraphql, request: MatchSubject, options: QueryOptions = {}): Promise<CustomerCandidate[]> {
  const found = new Map<string, CustomerCandidate>();
  const add = (node: CustomerNode | null | undefined, reason: MatchReason) => {
    if (!node?.id) return;
    const customerId = legacyId(node.id);
    const existing = found.get(customerId);
    if (existing) {
      if (!existing.matchedBy.includes(reason)) existing.matchedBy.push(reason);
      return;
    }
    found.set(customerId, {
      customerId,
      firstName: node.firstName ?? "",
      lastName: node.lastName ?? "",
      email: node.email,
      phone: node.phone,
      matchedBy: [reason],
    });
  };
  if (request.email) {
    const data = await adminQuery<{ customers: { nodes: CustomerNode[] } }>(api, SEARCH_CUSTOMERS, { query: searchTerm("email", request.email) }, options);
    // Shopify's search is fuzzy on some fields; only an exact address counts as an email match.
    for (const node of data.customers.nodes) if (node.email?.toLowerCase() === request.email.toLowerCase()) add(node, "email");
  }
  if (request.phone) {
    const data = await adminQuery<{ customers: { nodes: CustomerNode[] } }>(api, SEARCH_CUSTOMERS, { query: searchTerm("phone", request.phone) }, options);
    for (const node of data.customers.nodes) add(node, "phone");
  }
  if (request.orderName) {
    const name = request.orderName.startsWith("#") ? request.orderName : `#${request.orderName}`;
    const data = await adminQuery<{ orders: { nodes: Array<{ name: string; customer: CustomerNode | null }> } }>(api, SEARCH_ORDER, { query: searchTerm("name", name) }, options);
    for (const order of data.orders.nodes) if (order.name === name) add(order.customer, "order");
  }
  return [...found.values()].sort((a, b) => b.matchedBy.length - a.matchedBy.length);
}

/** Staff confirm the match: the request is linked to the customer and identity recorded as staff_match. */
export async function confirmCustomerMatch(db: Db, shop: string, requestId: string, customerId: string, actor: string, now = new Date()) {
  const id = normaliseCustomerId(customerId);
  if (!id) throw new RequestInputError("customerId must be a Shopify customer id", "customerId");
  if (!actor.trim()) throw new RequestInputError("actor is required", "actor");
  return withRequest(db, shop, requestId, async (tx, request) => {
    if (isFinalStatus(request.status)) throw new RequestInputError("A closed request cannot change", "customerId");
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: { shopifyCustomerId: id, identityStatus: "verified", identityMethod: "staff_match", identityVerifiedAt: now, identityVerifiedBy: actor },
    });
    await appendRequestEvent(tx, { shop, requestId, actor, action: "customer_match_confirmed", at: now, detail: { customerId: id, method: "staff_match" } });
    // Identity is verified: work on the request starts.
    await startWorkWhenReady(tx, await getRequestForShop(tx, shop, requestId), actor, now);
    return getRequestForShop(tx, shop, requestId);
  });
}

/** Identity for a request filed by a customer logged in to the storefront (App Proxy logged_in_customer_id). */
export function loggedInCustomerIdentity(loggedInCustomerId: string, at = new Date()) {
  const id = normaliseCustomerId(loggedInCustomerId);
  if (!id) throw new RequestInputError("logged_in_customer_id is not a customer id", "shopifyCustomerId");
  return { shopifyCustomerId: id, identity: { method: "shopify_customer_login", verifiedAt: at, verifiedBy: `customer:${id}` } };
}
