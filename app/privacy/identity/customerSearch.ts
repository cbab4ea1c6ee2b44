// Staff pick a Shopify customer by typing part of a name, email or phone, instead of typing an id.
// App Bridge's resource picker has no customer type, so the admin's picker is a Polaris Autocomplete
// over Shopify's own customer search (Admin GraphQL `customers(query:)`), read-only.
import { adminQuery, legacyId, type AdminGraphql, type QueryOptions } from "../adminApi";

export interface CustomerChoice {
  /** Numeric Shopify customer id. */
  customerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  numberOfOrders: number;
}

/** At most this many suggestions: what fits an Autocomplete's list without scrolling on a phone. */
export const CUSTOMER_SEARCH_LIMIT = 8;
/** Fewer characters than this say too little to search on (one kana matches half the shop). */
export const CUSTOMER_SEARCH_MIN_LENGTH = 2;
const MAX_TERM_LENGTH = 100;

const SEARCH_CUSTOMERS_BY_TEXT = `#graphql
  query PrivacyDeskSearchCustomers($query: String!, $first: Int!) {
    customers(first: $first, query: $query, sortKey: NAME) {
      nodes { id firstName lastName email phone numberOfOrders }
    }
  }`;

/**
 * Shopify search syntax for what staff typed: every word quoted (inner quotes and backslashes
 * escaped) so that "tag:vip" or "OR" are searched as text, never read as a filter or an operator;
 * words are ANDed, as in Shopify admin's own search box. Null when there is nothing to search.
 */
export function customerSearchQuery(typed: string): string | null {
  const text = typed.normalize("NFKC").trim().slice(0, MAX_TERM_LENGTH);
  if ([...text].length < CUSTOMER_SEARCH_MIN_LENGTH) return null;
  const words = text.split(/\s+/).filter(Boolean);
  return words.map((word) => `"${word.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(" ");
}

interface Node {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  numberOfOrders: string | number | null;
}

/** The shop's customers matching what staff typed; empty for too short an input (Shopify is not asked). */
export async function searchCustomers(api: AdminGraphql, typed: string, options: QueryOptions = {}): Promise<CustomerChoice[]> {
  const query = customerSearchQuery(typed);
  if (!query) return [];
  const data = await adminQuery<{ customers: { nodes: Node[] } }>(api, SEARCH_CUSTOMERS_BY_TEXT, { query, first: CUSTOMER_SEARCH_LIMIT }, options);
  return data.customers.nodes.map((node) => ({
    customerId: legacyId(node.id),
    firstName: node.firstName ?? "",
    lastName: node.lastName ?? "",
    email: node.email,
    phone: node.phone,
    // UnsignedInt64 comes as a string.
    numberOfOrders: Number(node.numberOfOrders ?? 0) || 0,
  }));
}
