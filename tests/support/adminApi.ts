// Stand-in for Shopify's Admin GraphQL API on loopback: Shopify's own published schema (from
// @shopify/dev-mcp) executed over mutable fixture shops, with Shopify's access-token check, its
// access-scope check per field (ACCESS_DENIED), the 60-day window on orders without read_all_orders,
// calculated query cost and per-shop leaky bucket, so the app meets what Shopify does.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  defaultFieldResolver,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type OperationDefinitionNode,
} from "graphql";
import { AdminApiError, type AdminGraphql, type AdminGraphqlResult, type QueryCost } from "../../app/privacy/adminApi";
import { grants, loadPublishedAdminSchema } from "./shopifySchema";
import { queryCost } from "./adminApi.cost";
import { answerTokenExchange, type AppCredentials, type TokenExchangeRecord } from "./tokenExchange";
import { TEST_APP } from "./appCredentials";
import { declaredFlowTriggers, flowTriggerErrors, type DeclaredFlowTrigger } from "./flowTriggers";
import {
  demoFixtureShop,
  otherFixtureShop,
  type EmailMarketingState,
  type FixtureAddress,
  type FixtureCustomer,
  type FixtureOrder,
  type FixtureShop,
  type MarketingOptInLevel,
  type SmsMarketingState,
} from "./fixtures";

export const ADMIN_API_VERSION = "2026-10";
export const MAX_QUERY_COST = 1000;
export const DEFAULT_BUCKET = { maximumAvailable: 2000, restoreRate: 100 };
const MAX_PAGE_SIZE = 250;
/** Without read_all_orders, Shopify shows an app only the orders of the last 60 days. */
export const ORDER_WINDOW_DAYS = 60;

export interface BucketConfig {
  maximumAvailable: number;
  restoreRate: number;
}

export interface StoredMetafield {
  id: number;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface ShopState {
  fixture: FixtureShop;
  customers: Map<number, FixtureCustomer>;
  metafields: Map<string, StoredMetafield>;
  bucket: { available: number; updatedAt: number };
  ordersCache: FixtureOrder[] | null;
  /** Flow triggers the shop's Flow accepted, in order (Flow then runs the shop's workflows). */
  flowTriggers: Array<{ handle: string; payload: Record<string, unknown>; receivedAt: string }>;
}

export interface StandInCall {
  shop: string;
  operationName?: string;
  query: string;
  variables: Record<string, unknown>;
  /** Requested query cost. */
  cost: number;
  actualCost: number | null;
  throttled: boolean;
}

const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

export function parseGid(value: unknown, type: string): number | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(String(value ?? ""));
  return match && match[1] === type ? Number(match[2]) : null;
}

const metafieldKey = (ownerId: string, namespace: string, key: string) => `${ownerId}|${namespace}|${key}`;

/** Every fixture shop's data, inspectable and changeable by tests. */
export class StandInState {
  readonly shops = new Map<string, ShopState>();
  private nextId = 9_000_000;

  constructor(
    fixtures: FixtureShop[],
    readonly bucketConfig: BucketConfig,
    readonly now: () => number,
  ) {
    for (const fixture of fixtures) {
      this.shops.set(fixture.domain, {
        fixture,
        customers: new Map(fixture.customers.map((customer) => [customer.id, customer])),
        metafields: new Map(),
        bucket: { available: bucketConfig.maximumAvailable, updatedAt: now() },
        ordersCache: null,
        flowTriggers: [],
      });
    }
  }

  shop(domain: string): ShopState {
    const shop = this.shops.get(domain);
    if (!shop) throw new Error(`the stand-in has no shop ${domain}`);
    return shop;
  }

  customer(domain: string, id: number): FixtureCustomer | undefined {
    this.orders(domain);
    return this.shop(domain).customers.get(id);
  }

  orders(domain: string): FixtureOrder[] {
    const shop = this.shop(domain);
    shop.ordersCache ??= shop.fixture.buildOrders([...shop.customers.values()]);
    return shop.ordersCache;
  }

  /** The orders the shop's token may read: all with read_all_orders, else the last 60 days. */
  visibleOrders(domain: string): FixtureOrder[] {
    const all = this.orders(domain);
    if (this.shop(domain).fixture.grantedScopes.includes("read_all_orders")) return all;
    const since = this.now() - ORDER_WINDOW_DAYS * 86_400_000;
    return all.filter((order) => Date.parse(order.createdAt) >= since);
  }

  metafield(domain: string, ownerId: string, namespace: string, key: string): StoredMetafield | undefined {
    return this.shop(domain).metafields.get(metafieldKey(ownerId, namespace, key));
  }

  setMetafield(domain: string, input: Omit<StoredMetafield, "id" | "createdAt" | "updatedAt">): StoredMetafield {
    const shop = this.shop(domain);
    const key = metafieldKey(input.ownerId, input.namespace, input.key);
    const at = new Date(this.now()).toISOString();
    const existing = shop.metafields.get(key);
    const stored = { ...input, id: existing?.id ?? this.newId(), createdAt: existing?.createdAt ?? at, updatedAt: at };
    shop.metafields.set(key, stored);
    return stored;
  }

  newId() {
    return this.nextId++;
  }

  /** The shop's bucket after refilling for the time passed. */
  bucket(domain: string): QueryCost["throttleStatus"] {
    const { bucket } = this.shop(domain);
    const now = this.now();
    const { maximumAvailable, restoreRate } = this.bucketConfig;
    bucket.available = Math.min(maximumAvailable, bucket.available + ((now - bucket.updatedAt) / 1000) * restoreRate);
    bucket.updatedAt = now;
    return { maximumAvailable, currentlyAvailable: Math.floor(bucket.available * 10) / 10, restoreRate };
  }

  /** Empties a shop's bucket down to `leave` points, as a burst of other calls would. */
  drain(domain: string, leave = 0) {
    this.bucket(domain);
    this.shop(domain).bucket.available = leave;
  }
}

// ---- views: fixture records as GraphQL objects (functions take the field's arguments) ----

interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

const cursorOf = (id: number) => Buffer.from(JSON.stringify({ last_id: id })).toString("base64url");
function cursorId(cursor: string): number {
  try {
    const id = Number((JSON.parse(Buffer.from(cursor, "base64url").toString()) as { last_id: unknown }).last_id);
    if (Number.isInteger(id)) return id;
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

function connection<T extends { id: number }, V>(items: T[], args: ConnectionArgs, view: (item: T) => V) {
  if (args.first == null && args.last == null) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  const size = (args.first ?? args.last)!;
  if (size < 0 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(`The requested page size must be between 0 and ${MAX_PAGE_SIZE}`, {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  const ordered = args.reverse ? [...items].reverse() : items;
  let start = 0;
  let end = ordered.length;
  if (args.after) {
    const index = ordered.findIndex((item) => item.id === cursorId(args.after!));
    start = index + 1;
  }
  if (args.before) {
    const index = ordered.findIndex((item) => item.id === cursorId(args.before!));
    if (index >= 0) end = index;
  }
  const window = ordered.slice(start, end);
  const page = args.first != null ? window.slice(0, size) : window.slice(Math.max(0, window.length - size));
  const firstIndex = start + (args.first != null ? 0 : Math.max(0, window.length - size));
  const edges = page.map((item) => ({ cursor: cursorOf(item.id), node: view(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: firstIndex + page.length < ordered.length && (args.first != null || end < ordered.length),
      hasPreviousPage: firstIndex > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Shopify's search syntax, the part the app uses: `field:value` terms (quoted or not), ANDed. */
function searchTerms(query: string | null | undefined): Array<{ field: string | null; value: string }> {
  if (!query) return [];
  const terms: Array<{ field: string | null; value: string }> = [];
  const pattern = /(?:(\w+):)?(?:"([^"]*)"|'([^']*)'|(\S+))/g;
  for (const match of query.matchAll(pattern)) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    if (!match[1] && /^(AND|OR)$/i.test(value)) continue;
    terms.push({ field: match[1]?.toLowerCase() ?? null, value });
  }
  return terms;
}

const digits = (phone: string) => {
  const only = phone.replace(/\D/g, "");
  return only.startsWith("0") ? `81${only.slice(1)}` : only;
};

function customerMatches(customer: FixtureCustomer, term: { field: string | null; value: string }): boolean {
  const value = term.value.toLowerCase();
  switch (term.field) {
    case "email":
      return (customer.email ?? "").toLowerCase() === value;
    case "phone":
      return !!customer.phone && digits(customer.phone) === digits(term.value);
    case "id":
      return String(customer.id) === term.value;
    case "tag":
      return customer.tags.some((tag) => tag.toLowerCase() === value);
    case "first_name":
      return customer.firstName === term.value;
    case "last_name":
      return customer.lastName === term.value;
    case null:
      return [customer.firstName, customer.lastName, customer.email ?? "", customer.phone ?? ""].some((field) =>
        field.toLowerCase().includes(value),
      );
    default:
      return false;
  }
}

function orderMatches(order: FixtureOrder, term: { field: string | null; value: string }): boolean {
  switch (term.field) {
    case "name":
      return order.name.replace(/^#/, "") === term.value.replace(/^#/, "");
    case "customer_id":
      return String(order.customerId) === term.value;
    case "email":
      return (order.email ?? "").toLowerCase() === term.value.toLowerCase();
    case "id":
      return String(order.id) === term.value;
    case null:
      return order.name.includes(term.value);
    default:
      return false;
  }
}

const money = (amount: number, currencyCode: string) => ({ amount: amount.toFixed(1), currencyCode });
const bag = (amount: number, currencyCode: string) => ({
  shopMoney: money(amount, currencyCode),
  presentmentMoney: money(amount, currencyCode),
});

function addressView(address: FixtureAddress | null) {
  if (!address) return null;
  return {
    __typename: "MailingAddress",
    ...address,
    id: `${gid("MailingAddress", address.id)}?model_name=CustomerAddress`,
    name: `${address.lastName} ${address.firstName}`,
    formatted: ({ withName, withCompany }: { withName: boolean; withCompany: boolean }) =>
      [
        withName ? `${address.lastName} ${address.firstName}` : null,
        withCompany ? address.company : null,
        `〒${address.zip}`,
        `${address.province}${address.city}${address.address1}`,
        address.address2,
        "日本",
      ].filter((line): line is string => !!line),
  };
}

function sortOrders(orders: FixtureOrder[], sortKey: string): FixtureOrder[] {
  if (sortKey === "TOTAL_PRICE") {
    const total = (order: FixtureOrder) => order.lineItems.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
    return [...orders].sort((a, b) => total(a) - total(b) || a.id - b.id);
  }
  // Ids, numbers and dates grow together in the fixtures.
  return orders;
}

interface ResolverContext {
  state: StandInState;
  shop: string;
}

function metafieldView(stored: StoredMetafield | undefined) {
  if (!stored) return null;
  let jsonValue: unknown = stored.value;
  if (stored.type === "json") jsonValue = JSON.parse(stored.value);
  else if (stored.type === "number_integer") jsonValue = Number(stored.value);
  else if (stored.type === "boolean") jsonValue = stored.value === "true";
  return { __typename: "Metafield", ...stored, id: gid("Metafield", stored.id), jsonValue };
}

const metafieldOf =
  (context: ResolverContext, ownerId: string) =>
  ({ namespace, key }: { namespace?: string | null; key: string }) =>
    metafieldView(context.state.metafield(context.shop, ownerId, namespace ?? "$app", key));

function orderView(context: ResolverContext, order: FixtureOrder) {
  const total = order.lineItems.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  const id = gid("Order", order.id);
  return {
    __typename: "Order",
    id,
    legacyResourceId: String(order.id),
    name: order.name,
    email: order.email,
    phone: order.phone,
    note: order.note,
    createdAt: order.createdAt,
    processedAt: order.createdAt,
    currencyCode: order.currencyCode,
    customer: () => {
      const customer = order.customerId === null ? undefined : context.state.customer(context.shop, order.customerId);
      return customer ? customerView(context, customer) : null;
    },
    shippingAddress: addressView(order.shippingAddress),
    billingAddress: addressView(order.billingAddress),
    totalPriceSet: bag(total, order.currencyCode),
    subtotalPriceSet: bag(total, order.currencyCode),
    lineItems: (args: ConnectionArgs) =>
      connection(order.lineItems, args, (item) => ({
        __typename: "LineItem",
        ...item,
        id: gid("LineItem", item.id),
        name: item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title,
        originalUnitPriceSet: bag(item.unitPrice, order.currencyCode),
        originalTotalSet: bag(item.unitPrice * item.quantity, order.currencyCode),
      })),
    metafield: metafieldOf(context, id),
  };
}

function customerView(context: ResolverContext, customer: FixtureCustomer) {
  const id = gid("Customer", customer.id);
  // Counts and totals are the customer's lifetime figures; the orders connection shows what the token may read.
  const ownOrders = () => context.state.orders(context.shop).filter((order) => order.customerId === customer.id);
  const readableOrders = () => context.state.visibleOrders(context.shop).filter((order) => order.customerId === customer.id);
  return {
    __typename: "Customer",
    id,
    legacyResourceId: String(customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: [customer.lastName, customer.firstName].filter(Boolean).join(" ") || customer.email || customer.phone || "",
    email: customer.email,
    phone: customer.phone,
    locale: customer.locale,
    note: customer.note,
    tags: customer.tags,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    verifiedEmail: customer.email !== null,
    dataSaleOptOut: false,
    numberOfOrders: () => String(ownOrders().length),
    amountSpent: () =>
      money(
        ownOrders().reduce((sum, order) => sum + order.lineItems.reduce((s, item) => s + item.unitPrice * item.quantity, 0), 0),
        "JPY",
      ),
    defaultAddress: addressView(customer.defaultAddressIndex === null ? null : customer.addresses[customer.defaultAddressIndex]),
    addresses: ({ first }: { first?: number | null }) =>
      customer.addresses.slice(0, first ?? undefined).map((address) => addressView(address)),
    addressesV2: (args: ConnectionArgs) => connection(customer.addresses, args, (address) => addressView(address)),
    emailMarketingConsent: customer.emailMarketingConsent,
    smsMarketingConsent: customer.smsMarketingConsent,
    orders: (args: ConnectionArgs & { sortKey: string; query?: string }) => {
      const terms = searchTerms(args.query);
      const matching = readableOrders().filter((order) => terms.every((term) => orderMatches(order, term)));
      return connection(sortOrders(matching, args.sortKey), args, (order) => orderView(context, order));
    },
    metafield: metafieldOf(context, id),
  };
}

function shopRoot(context: ResolverContext) {
  const { state, shop } = context;
  const fixture = state.shop(shop).fixture;
  const customerById = (value: unknown) => {
    const id = parseGid(value, "Customer");
    const customer = id === null ? undefined : state.customer(shop, id);
    return customer ? customerView(context, customer) : null;
  };
  const orderById = (value: unknown) => {
    const id = parseGid(value, "Order");
    const order = id === null ? undefined : state.visibleOrders(shop).find((candidate) => candidate.id === id);
    return order ? orderView(context, order) : null;
  };
  const installationId = gid("AppInstallation", fixture.appInstallationId);
  const shopId = gid("Shop", fixture.id);
  return {
    shop: {
      __typename: "Shop",
      id: shopId,
      name: fixture.name,
      email: fixture.email,
      contactEmail: fixture.email,
      myshopifyDomain: fixture.domain,
      currencyCode: "JPY",
      ianaTimezone: "Asia/Tokyo",
      shopAddress: { __typename: "ShopAddress", id: gid("ShopAddress", fixture.id), countryCodeV2: fixture.country },
      metafield: metafieldOf(context, shopId),
    },
    currentAppInstallation: {
      __typename: "AppInstallation",
      id: installationId,
      accessScopes: fixture.grantedScopes.map((handle) => ({ __typename: "AccessScope", handle, description: handle })),
      metafield: metafieldOf(context, installationId),
    },
    customer: ({ id }: { id: string }) => customerById(id),
    order: ({ id }: { id: string }) => orderById(id),
    node: ({ id }: { id: string }) => customerById(id) ?? orderById(id),
    customers: (args: ConnectionArgs & { sortKey: string; query?: string }) => {
      state.orders(shop);
      const terms = searchTerms(args.query);
      let matching = [...state.shop(shop).customers.values()].filter((customer) =>
        terms.every((term) => customerMatches(customer, term)),
      );
      if (args.sortKey === "NAME") {
        matching = matching.sort((a, b) => `${a.lastName}${a.firstName}`.localeCompare(`${b.lastName}${b.firstName}`, "ja"));
      } else if (args.sortKey === "UPDATED_AT") {
        matching = matching.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id);
      }
      return connection(matching, args, (customer) => customerView(context, customer));
    },
    orders: (args: ConnectionArgs & { sortKey: string; query?: string }) => {
      const terms = searchTerms(args.query);
      const matching = state.visibleOrders(shop).filter((order) => terms.every((term) => orderMatches(order, term)));
      return connection(sortOrders(matching, args.sortKey), args, (order) => orderView(context, order));
    },
  };
}

// ---- mutations ----

interface ConsentInput {
  marketingState: string;
  marketingOptInLevel?: string | null;
  consentUpdatedAt?: string | null;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()-]{7,20}$/;

/** The app's Flow triggers as Shopify knows them after `shopify app deploy`. */
let flowTriggerDefinitions: DeclaredFlowTrigger[] | null = null;

function mutationRoot(context: ResolverContext) {
  const { state, shop } = context;
  const now = () => new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const findCustomer = (value: unknown) => {
    const id = parseGid(value, "Customer");
    return id === null ? undefined : state.customer(shop, id);
  };
  const touch = (customer: FixtureCustomer) => {
    customer.updatedAt = now();
  };

  /** Shared rules of the two consent mutations: the customer must exist and have the channel. */
  const updateConsent = (
    customerId: string,
    channel: "emailMarketingConsent" | "smsMarketingConsent",
    input: ConsentInput,
    apply: (customer: FixtureCustomer, consent: { marketingState: string; marketingOptInLevel: MarketingOptInLevel; consentUpdatedAt: string }) => void,
  ) => {
    const refuse = (field: string[], message: string, code: string) => ({ customer: null, userErrors: [{ field, message, code }] });
    const customer = findCustomer(customerId);
    if (!customer) return refuse(["input", "customerId"], "Customer not found", "INVALID");
    const email = channel === "emailMarketingConsent";
    if (email ? !customer.email : !customer.phone) {
      return refuse(["input", "customerId"], `Customer must have ${email ? "an email address" : "a phone number"}`, "INVALID");
    }
    if (input.marketingState === "REDACTED" || input.marketingState === "INVALID") {
      return refuse(["input", channel, "marketingState"], "Marketing state is not included in the list", "INCLUSION");
    }
    apply(customer, {
      marketingState: input.marketingState,
      marketingOptInLevel: (input.marketingOptInLevel ?? "SINGLE_OPT_IN") as MarketingOptInLevel,
      consentUpdatedAt: input.consentUpdatedAt ?? now(),
    });
    touch(customer);
    return { customer: customerView(context, customer), userErrors: [] };
  };

  return {
    customerUpdate: ({ input }: { input: Record<string, unknown> & { id?: string } }) => {
      const customer = findCustomer(input.id);
      if (!customer) return { customer: null, userErrors: [{ field: ["id"], message: "Customer does not exist" }] };
      const errors: Array<{ field: string[]; message: string }> = [];
      if (typeof input.email === "string" && input.email !== "" && !EMAIL_PATTERN.test(input.email)) {
        errors.push({ field: ["email"], message: "Email is invalid" });
      }
      if (typeof input.phone === "string" && input.phone !== "" && !PHONE_PATTERN.test(input.phone)) {
        errors.push({ field: ["phone"], message: "Phone is invalid" });
      }
      if (typeof input.email === "string" && input.email !== "") {
        const taken = [...state.shop(shop).customers.values()].some(
          (other) => other.id !== customer.id && other.email?.toLowerCase() === (input.email as string).toLowerCase(),
        );
        if (taken) errors.push({ field: ["email"], message: "Email has already been taken" });
      }
      if (errors.length) return { customer: null, userErrors: errors };
      for (const key of ["firstName", "lastName", "note", "locale"] as const) {
        if (key in input) (customer[key] as unknown) = input[key] ?? (key === "locale" ? customer.locale : null);
      }
      if ("email" in input) customer.email = (input.email as string | null) || null;
      if ("phone" in input) customer.phone = (input.phone as string | null) || null;
      if (Array.isArray(input.tags)) customer.tags = [...new Set(input.tags as string[])];
      if (Array.isArray(input.addresses)) {
        customer.addresses = (input.addresses as Array<Record<string, string | null>>).map((address) => ({
          id: state.newId(),
          firstName: address.firstName ?? customer.firstName,
          lastName: address.lastName ?? customer.lastName,
          company: address.company ?? null,
          address1: address.address1 ?? "",
          address2: address.address2 ?? null,
          city: address.city ?? "",
          province: address.provinceCode ?? "",
          provinceCode: address.provinceCode ?? "",
          country: address.countryCode === "US" ? "United States" : "Japan",
          countryCodeV2: address.countryCode ?? "JP",
          zip: address.zip ?? "",
          phone: address.phone ?? null,
        }));
        customer.defaultAddressIndex = customer.addresses.length ? 0 : null;
      }
      touch(customer);
      return { customer: customerView(context, customer), userErrors: [] };
    },

    customerEmailMarketingConsentUpdate: ({ input }: { input: { customerId: string; emailMarketingConsent: ConsentInput } }) =>
      updateConsent(input.customerId, "emailMarketingConsent", input.emailMarketingConsent, (customer, consent) => {
        customer.emailMarketingConsent = { ...consent, marketingState: consent.marketingState as EmailMarketingState };
      }),

    customerSmsMarketingConsentUpdate: ({ input }: { input: { customerId: string; smsMarketingConsent: ConsentInput } }) =>
      updateConsent(input.customerId, "smsMarketingConsent", input.smsMarketingConsent, (customer, consent) => {
        customer.smsMarketingConsent = {
          ...consent,
          marketingState: consent.marketingState as SmsMarketingState,
          consentCollectedFrom: "OTHER",
        };
      }),

    tagsAdd: ({ id, tags }: { id: string; tags: string[] }) => {
      const customer = findCustomer(id);
      if (!customer) return { node: null, userErrors: [{ field: ["id"], message: "Resource not found" }] };
      const cleaned = tags.map((tag) => tag.trim()).filter(Boolean);
      if (cleaned.some((tag) => tag.length > 255)) {
        return { node: null, userErrors: [{ field: ["tags"], message: "Tag is too long (maximum is 255 characters)" }] };
      }
      customer.tags = [...new Set([...customer.tags, ...cleaned])];
      touch(customer);
      return { node: customerView(context, customer), userErrors: [] };
    },

    customerRequestDataErasure: ({ customerId }: { customerId: string }) => {
      const customer = findCustomer(customerId);
      if (!customer) {
        return { customerId: null, userErrors: [{ field: ["customerId"], message: "Customer does not exist", code: "DOES_NOT_EXIST" }] };
      }
      customer.dataErasureRequestedAt ??= now();
      return { customerId, userErrors: [] };
    },

    customerCancelDataErasure: ({ customerId }: { customerId: string }) => {
      const customer = findCustomer(customerId);
      if (!customer) {
        return { customerId: null, userErrors: [{ field: ["customerId"], message: "Customer does not exist", code: "DOES_NOT_EXIST" }] };
      }
      if (!customer.dataErasureRequestedAt) {
        return {
          customerId: null,
          userErrors: [{ field: ["customerId"], message: "Customer's data is not scheduled for erasure", code: "NOT_BEING_ERASED" }],
        };
      }
      customer.dataErasureRequestedAt = null;
      return { customerId, userErrors: [] };
    },

    flowTriggerReceive: ({ handle, payload, body }: { handle?: string | null; payload?: unknown; body?: string | null }) => {
      if (body !== undefined && body !== null && (handle || payload)) {
        return { userErrors: [{ field: ["body"], message: "Cannot use `handle` and `payload` arguments with `body` argument" }] };
      }
      flowTriggerDefinitions ??= declaredFlowTriggers();
      const userErrors = flowTriggerErrors(flowTriggerDefinitions, handle, payload);
      if (userErrors.length) return { userErrors };
      state.shop(shop).flowTriggers.push({ handle: handle as string, payload: payload as Record<string, unknown>, receivedAt: now() });
      return { userErrors: [] };
    },

    metafieldsSet: ({ metafields }: { metafields: Array<{ ownerId: string; namespace?: string | null; key: string; type?: string | null; value: string }> }) => {
      const fixture = state.shop(shop).fixture;
      const userErrors: Array<{ field: string[]; message: string; code: string; elementIndex: number | null }> = [];
      if (metafields.length > 25) {
        userErrors.push({ field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null });
      }
      metafields.forEach((input, index) => {
        const field = (name: string) => ["metafields", String(index), name];
        const ownerOk =
          input.ownerId === gid("AppInstallation", fixture.appInstallationId) ||
          input.ownerId === gid("Shop", fixture.id) ||
          findCustomer(input.ownerId) !== undefined;
        if (!ownerOk) userErrors.push({ field: field("ownerId"), message: "Owner does not exist.", code: "INVALID", elementIndex: index });
        if (!input.key || input.key.length < 2) {
          userErrors.push({ field: field("key"), message: "Key is too short (minimum is 2 characters)", code: "INVALID", elementIndex: index });
        }
        const existing = state.metafield(shop, input.ownerId, input.namespace ?? "$app", input.key);
        const type = input.type ?? existing?.type;
        if (!type) userErrors.push({ field: field("type"), message: "Type can't be blank", code: "BLANK", elementIndex: index });
        if (type === "json") {
          try {
            JSON.parse(input.value);
          } catch {
            userErrors.push({ field: field("value"), message: "Value is invalid JSON", code: "INVALID_VALUE", elementIndex: index });
          }
        }
      });
      // Shopify writes all or nothing.
      if (userErrors.length) return { metafields: null, userErrors };
      const written = metafields.map((input) =>
        state.setMetafield(shop, {
          ownerId: input.ownerId,
          namespace: input.namespace ?? "$app",
          key: input.key,
          type: input.type ?? state.metafield(shop, input.ownerId, input.namespace ?? "$app", input.key)!.type,
          value: input.value,
        }),
      );
      return { metafields: written.map(metafieldView), userErrors: [] };
    },
  };
}

// ---- HTTP ----

export interface StandInOptions {
  shops?: FixtureShop[];
  bucket?: BucketConfig;
  /** Milliseconds since the epoch; tests pass a fake clock to refill the bucket without sleeping. */
  now?: () => number;
  /** Loopback port; a free one by default. */
  port?: number;
  /** The app's client id and secret, which token exchange checks; the tests' app by default. */
  app?: AppCredentials;
}

export interface AdminApiStandIn {
  url: string;
  state: StandInState;
  calls: StandInCall[];
  /** Every token exchange asked of the stand-in, in order. */
  tokenExchanges: TokenExchangeRecord[];
  /** Runs one request in-process (what the HTTP server does after reading the body). */
  handle(request: { shop: string; accessToken?: string | null; body: string }): Promise<{ status: number; json: unknown }>;
  /** An AdminGraphql bound to a shop that talks to the stand-in over HTTP, like app/shopifyAdmin.server.ts. */
  client(shop: string, accessToken?: string): AdminGraphql;
  close(): Promise<void>;
}

const published = loadPublishedAdminSchema(ADMIN_API_VERSION);
const schema = published.schema;

/**
 * Shopify's access check: a field the token's scopes do not cover resolves to null with an
 * ACCESS_DENIED error naming the required access, as Shopify answers it.
 */
const scopedFieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, context, info) => {
  if (!info.fieldName.startsWith("__")) {
    const granted = context.state.shop(context.shop).fixture.grantedScopes;
    for (const requirement of published.fieldRequirements(info.parentType.name, info.fieldName)) {
      if (grants(granted, requirement)) continue;
      throw new GraphQLError(`Access denied for ${info.fieldName} field. Required access: ${requirement.requiredAccess}`, {
        extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: requirement.requiredAccess },
      });
    }
  }
  return defaultFieldResolver(source, args, context, info);
};

const UNAUTHORIZED = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

export async function startAdminApiStandIn(options: StandInOptions = {}): Promise<AdminApiStandIn> {
  const now = options.now ?? Date.now;
  const state = new StandInState(options.shops ?? [demoFixtureShop(), otherFixtureShop()], options.bucket ?? DEFAULT_BUCKET, now);
  const calls: StandInCall[] = [];
  const tokenExchanges: TokenExchangeRecord[] = [];
  const app = options.app ?? TEST_APP;

  async function handle(request: { shop: string; accessToken?: string | null; body: string }) {
    const shopState = state.shops.get(request.shop);
    if (!shopState) return { status: 404, json: { errors: "Not Found" } };
    if (!request.accessToken || request.accessToken !== shopState.fixture.accessToken) return { status: 401, json: UNAUTHORIZED };

    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(request.body) as typeof payload;
    } catch {
      return { status: 400, json: { errors: { query: "Required parameter missing or invalid" } } };
    }
    if (typeof payload.query !== "string" || !payload.query.trim()) {
      return { status: 400, json: { errors: { query: "Required parameter missing or invalid" } } };
    }
    const query = payload.query;
    const variables = (payload.variables && typeof payload.variables === "object" ? payload.variables : {}) as Record<string, unknown>;
    const operationName = typeof payload.operationName === "string" ? payload.operationName : undefined;

    const costOf = (requested: number, actual: number | null): QueryCost => ({
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: state.bucket(request.shop),
    });
    const log = (cost: number, actualCost: number | null, throttled: boolean, name?: string) =>
      calls.push({ shop: request.shop, operationName: name ?? operationName, query, variables, cost, actualCost, throttled });

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      log(0, 0, false);
      return { status: 200, json: { errors: [{ message: (error as Error).message, extensions: { code: "GRAPHQL_PARSE_FAILED" } }], extensions: { cost: costOf(0, 0) } } };
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length) {
      log(0, 0, false);
      return {
        status: 200,
        json: {
          errors: validationErrors.map((error) => ({ message: error.message, locations: error.locations, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })),
          extensions: { cost: costOf(0, 0) },
        },
      };
    }
    const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition");
    const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) {
      return { status: 200, json: { errors: [{ message: "An operation name is required" }], extensions: { cost: costOf(0, 0) } } };
    }
    const name = operation.name?.value;
    const costInput = { schema, document, operation, variables };
    let requested: number;
    try {
      requested = queryCost(costInput);
    } catch (error) {
      log(0, 0, false, name);
      return { status: 200, json: { errors: [{ message: (error as Error).message }], extensions: { cost: costOf(0, 0) } } };
    }

    if (requested > MAX_QUERY_COST) {
      log(requested, null, false, name);
      return {
        status: 200,
        json: {
          errors: [
            {
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
              extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_QUERY_COST },
            },
          ],
          extensions: { cost: costOf(requested, null) },
        },
      };
    }

    const bucket = state.bucket(request.shop);
    if (bucket.currentlyAvailable < requested) {
      log(requested, null, true, name);
      return {
        status: 200,
        json: {
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
          extensions: { cost: costOf(requested, null) },
        },
      };
    }
    // Shopify takes the requested cost up front and refunds the difference to the actual cost.
    shopState.bucket.available -= requested;
    const context: ResolverContext = { state, shop: request.shop };
    const rootValue = operation.operation === "mutation" ? mutationRoot(context) : shopRoot(context);
    const result = await execute({
      schema,
      document,
      rootValue,
      contextValue: context,
      variableValues: variables,
      operationName: name,
      fieldResolver: scopedFieldResolver,
    });
    const actual = result.data ? queryCost(costInput, result.data as Record<string, unknown>) : 0;
    shopState.bucket.available += Math.max(0, requested - actual);
    log(requested, actual, false, name);
    const json: AdminGraphqlResult<unknown> & { errors?: unknown } = { data: result.data ?? undefined };
    if (result.errors?.length) {
      json.errors = result.errors.map((error) => ({ message: error.message, locations: error.locations, path: error.path, extensions: error.extensions }));
    }
    json.extensions = { cost: costOf(requested, actual) };
    return { status: 200, json };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(json));
      };
      const path = new URL(req.url ?? "/", "http://stand-in").pathname;
      if (path === "/admin/oauth/access_token") {
        if (req.method !== "POST") return send(405, { errors: "Method Not Allowed" });
        const shopState = state.shops.get(String(req.headers["x-standin-shop"] ?? "").replace(/:\d+$/, ""));
        if (!shopState) return send(404, { errors: "Not Found" });
        const answer = answerTokenExchange(shopState.fixture, Buffer.concat(chunks).toString("utf8"), String(req.headers["content-type"] ?? ""), app, now(), (entry) => tokenExchanges.push(entry));
        return send(answer.status, answer.json);
      }
      if (!/^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.test(path)) return send(404, { errors: "Not Found" });
      if (req.method !== "POST") return send(405, { errors: "Method Not Allowed" });
      const shop = String(req.headers["x-standin-shop"] ?? req.headers.host ?? "").replace(/:\d+$/, "");
      const token = req.headers["x-shopify-access-token"];
      handle({ shop, accessToken: Array.isArray(token) ? token[0] : token, body: Buffer.concat(chunks).toString("utf8") }).then(
        (answer) => send(answer.status, answer.json),
        (error: unknown) => send(500, { errors: [{ message: String(error) }] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    calls,
    tokenExchanges,
    handle,
    client(shop, accessToken = state.shop(shop).fixture.accessToken) {
      return async <T,>(query: string, variables: Record<string, unknown> = {}) => {
        const response = await fetch(`${url}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": accessToken, "X-Standin-Shop": shop },
          body: JSON.stringify({ query, variables }),
        });
        // Same failure shape as app/shopifyAdmin.server.ts, so domain code sees what it would in production.
        if (!response.ok) throw new AdminApiError(`Shopify answered HTTP ${response.status}`, `HTTP_${response.status}`);
        return (await response.json()) as AdminGraphqlResult<T>;
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
