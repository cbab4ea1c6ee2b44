// Reading everything Shopify holds about one customer for a disclosure (APPI 33): the profile,
// addresses, marketing consent and every order with its line items and addresses. Orders are read
// page by page with a cursor; the page size is derived from the query's cost so that one page
// stays under Shopify's 1,000-point single-query limit, and adminQuery waits out THROTTLED answers.
import { adminQuery, customerGid, type AdminGraphql, type QueryOptions } from "../adminApi";

export const MAX_QUERY_COST = 1000;
/** Headroom under the limit: Shopify's count of nested objects can run a little above this estimate. */
export const PAGE_COST_BUDGET = 900;
/** Line items read with each order; an order with more is completed with follow-up pages. */
export const LINE_ITEMS_PER_ORDER = 10;

const ADDRESS = "firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone";

const CUSTOMER = `#graphql
  query PrivacyDeskDisclosureCustomer($id: ID!) {
    customer(id: $id) {
      id firstName lastName email phone locale note tags createdAt updatedAt numberOfOrders
      defaultAddress { ${ADDRESS} }
      addresses(first: 50) { ${ADDRESS} }
      emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
      smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom }
    }
  }`;

const ORDERS = `#graphql
  query PrivacyDeskDisclosureOrders($id: ID!, $first: Int!, $after: String, $lines: Int!) {
    customer(id: $id) {
      id
      orders(first: $first, after: $after, sortKey: CREATED_AT) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id name email phone createdAt
          totalPriceSet { shopMoney { amount currencyCode } }
          shippingAddress { ${ADDRESS} }
          billingAddress { ${ADDRESS} }
          lineItems(first: $lines) { pageInfo { hasNextPage endCursor } nodes { title variantTitle sku quantity } }
        }
      }
    }
  }`;

// Without the read_all_orders scope Shopify shows an app only the orders of the last 60 days; the
// package must then say which orders it covers (README, "Going live").
const ORDER_ACCESS = `#graphql
  query PrivacyDeskOrderAccess { currentAppInstallation { accessScopes { handle } } }`;

export const ORDER_WINDOW_DAYS = 60;
export const ALL_ORDERS_SCOPE = "read_all_orders";

const MORE_LINES = `#graphql
  query PrivacyDeskDisclosureLines($id: ID!, $after: String) {
    order(id: $id) { id lineItems(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { title variantTitle sku quantity } } }
  }`;

/**
 * Orders per page: Shopify charges a connection 2 + first × (cost of one node). One order node is
 * 1 (order) + 2 (totalPriceSet, shopMoney) + 1 + 1 (two addresses) + 2 + lines + 1 (line items
 * connection with its pageInfo); the page adds the customer, the connection and its pageInfo.
 */
export function ordersPageSize(linesPerOrder = LINE_ITEMS_PER_ORDER, maxCost = PAGE_COST_BUDGET): number {
  const perOrder = 8 + linesPerOrder;
  const overhead = 1 + 2 + 1;
  return Math.max(1, Math.min(250, Math.floor((maxCost - overhead) / perOrder)));
}

export interface Address {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCodeV2: string | null;
  zip: string | null;
  phone: string | null;
}

export interface LineItem {
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
}

export interface DisclosedOrder {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  total: { amount: string; currencyCode: string } | null;
  shippingAddress: Address | null;
  billingAddress: Address | null;
  lineItems: LineItem[];
}

export interface DisclosedCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  note: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  numberOfOrders: string | number;
  defaultAddress: Address | null;
  addresses: Address[];
  emailMarketingConsent: Record<string, string | null> | null;
  smsMarketingConsent: Record<string, string | null> | null;
}

interface OrderNode extends Omit<DisclosedOrder, "total" | "lineItems"> {
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } } | null;
  lineItems: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: LineItem[] };
}

/** Which of the customer's orders a package holds. */
export interface OrderCoverage {
  /** False when the app may read only the last 60 days of orders (no read_all_orders). */
  allOrders: boolean;
  /** Without all orders: the earliest moment of the window Shopify showed (ISO 8601). */
  since: string | null;
  /** Orders Shopify counts for the customer, over all time. */
  ordersHeld: number;
  ordersIncluded: number;
}

export interface ShopifyCustomerData {
  customer: DisclosedCustomer;
  orders: DisclosedOrder[];
  orderCoverage: OrderCoverage;
}

export interface FetchOptions extends QueryOptions {
  pageSize?: number;
  /** When the orders are read; the start of the 60-day window is counted back from it. */
  now?: Date;
  /** Called after each page with orders read so far and the customer's order count. */
  onProgress?: (fetched: number, total: number) => Promise<void> | void;
}

/** Returns null when Shopify has no such customer (the disclosure then says no data is held there). */
export async function fetchShopifyCustomerData(api: AdminGraphql, customerId: string, options: FetchOptions = {}): Promise<ShopifyCustomerData | null> {
  const id = customerGid(customerId);
  const profile = await adminQuery<{ customer: DisclosedCustomer | null }>(api, CUSTOMER, { id }, options);
  if (!profile.customer) return null;
  const access = await adminQuery<{ currentAppInstallation: { accessScopes: Array<{ handle: string }> } }>(api, ORDER_ACCESS, {}, options);
  const allOrders = access.currentAppInstallation.accessScopes.some((scope) => scope.handle === ALL_ORDERS_SCOPE);
  const readAt = options.now ?? new Date();
  const total = Number(profile.customer.numberOfOrders) || 0;
  const first = options.pageSize ?? ordersPageSize();
  const orders: DisclosedOrder[] = [];
  let after: string | null = null;
  await options.onProgress?.(0, total);
  for (;;) {
    const page: { customer: { orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OrderNode[] } } | null } = await adminQuery(
      api,
      ORDERS,
      { id, first, after, lines: LINE_ITEMS_PER_ORDER },
      options,
    );
    if (!page.customer) break;
    for (const node of page.customer.orders.nodes) {
      const lineItems = [...node.lineItems.nodes];
      let lines = node.lineItems.pageInfo;
      while (lines.hasNextPage) {
        const more: { order: { lineItems: { pageInfo: typeof lines; nodes: LineItem[] } } | null } = await adminQuery(api, MORE_LINES, { id: node.id, after: lines.endCursor }, options);
        if (!more.order) break;
        lineItems.push(...more.order.lineItems.nodes);
        lines = more.order.lineItems.pageInfo;
      }
      orders.push({
        id: node.id,
        name: node.name,
        email: node.email,
        phone: node.phone,
        createdAt: node.createdAt,
        total: node.totalPriceSet?.shopMoney ?? null,
        shippingAddress: node.shippingAddress,
        billingAddress: node.billingAddress,
        lineItems,
      });
    }
    await options.onProgress?.(orders.length, Math.max(total, orders.length));
    const info = page.customer.orders.pageInfo;
    if (!info.hasNextPage || !info.endCursor) break;
    after = info.endCursor;
  }
  return {
    customer: profile.customer,
    orders,
    orderCoverage: {
      allOrders,
      since: allOrders ? null : new Date(readAt.getTime() - ORDER_WINDOW_DAYS * 86_400_000).toISOString(),
      ordersHeld: Math.max(total, orders.length),
      ordersIncluded: orders.length,
    },
  };
}
