// Verification of a Shopify webhook delivery, before anything is stored.
// Deliberately independent of authenticate.webhook: that one insists on every X-Shopify-* header
// (real deliveries have arrived without API-Version or Shop-Domain) and may try to refresh an
// offline token, which fails with a 500 for shop/redact, 48 h after the session is gone.
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseWebhookJson } from "./payloadJson";
import { isShopifyId } from "../shopifyId";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface VerifiedDelivery {
  topic: string;
  shop: string;
  webhookId: string | null;
  apiVersion: string | null;
  /**
   * Shopify's signature of the body, as verified (canonical base64). The inbox keys a delivery by a
   * digest of it and never stores it: a stored signature of a guessable body (a shop/redact's) is
   * a delivery anyone reading the database could send.
   */
  signature: string;
  /** The raw body, exactly as signed. */
  body: string;
  payload: Record<string, unknown>;
}

/**
 * What verification reads of a delivery. The production server builds it straight from Node's
 * request (no Fetch `Request`, no web stream: docs/webhooks.md); the routes build it from the
 * Fetch `Request` Remix gives them.
 */
export interface IncomingDelivery {
  method: string;
  /** A header by its lower-case name, or null. */
  header(name: string): string | null;
  /** At most `limit` bytes of the body; null when it is longer (the rest is never read). */
  body(limit: number): Promise<Uint8Array | null>;
}

export function deliveryFromRequest(request: Request): IncomingDelivery {
  return {
    method: request.method,
    header: (name) => request.headers.get(name),
    body: (limit) => readBodyWithin(request, limit),
  };
}

export type VerifyResult = { ok: true; delivery: VerifiedDelivery } | { ok: false; status: 400 | 401 | 405 | 413 };

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

export function isShopDomain(value: unknown): value is string {
  return typeof value === "string" && value.length <= 255 && SHOP_DOMAIN.test(value);
}

export function signatureMatches(body: Uint8Array, signature: string | null, secret: string): boolean {
  if (!signature || !secret) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  // Equal lengths first: timingSafeEqual throws otherwise, and the length of a SHA-256 digest is public.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads at most `limit` bytes; null when the body is longer (the rest is never read). */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isId = isShopifyId;
const isContact = (value: unknown) => value === undefined || value === null || typeof value === "string";

/** A compliance customer: an id or at least an email (Shopify may send only an email). */
function validCustomer(value: unknown): boolean {
  if (!isObject(value)) return false;
  const hasId = value.id !== undefined && value.id !== null;
  if (hasId && !isId(value.id)) return false;
  if (!isContact(value.email) || !isContact(value.phone)) return false;
  return hasId || (typeof value.email === "string" && value.email.length > 0);
}

const isIdList = (value: unknown) => value === undefined || (Array.isArray(value) && value.every(isId));

/** Keys that belong to another compliance topic's payload: a body carrying one is not this topic's. */
const lacks = (p: Record<string, unknown>, ...keys: string[]) => keys.every((key) => !(key in p));

// Shopify's marketing states (CustomerEmailMarketingState, CustomerSmsMarketingState) and opt-in
// levels (CustomerMarketingOptInLevel), as the webhook payloads write them.
const EMAIL_STATES = new Set(["not_subscribed", "pending", "subscribed", "unsubscribed", "redacted", "invalid"]);
const SMS_STATES = new Set(["not_subscribed", "pending", "subscribed", "unsubscribed", "redacted"]);
const OPT_IN_LEVELS = new Set(["single_opt_in", "confirmed_opt_in", "unknown"]);
const isTime = (value: unknown) => value === undefined || value === null || (typeof value === "string" && !Number.isNaN(Date.parse(value)));

function validConsentBlock(value: unknown, states: Set<string>): boolean {
  if (!isObject(value)) return false;
  // Shopify's own sample of the SMS topic has a null state: no choice, nothing to record.
  if (value.state !== null && (typeof value.state !== "string" || !states.has(value.state.toLowerCase()))) return false;
  if (value.opt_in_level !== undefined && value.opt_in_level !== null && (typeof value.opt_in_level !== "string" || !OPT_IN_LEVELS.has(value.opt_in_level.toLowerCase()))) return false;
  return isTime(value.consent_updated_at);
}

/** Required fields per topic; topics not listed only need a JSON object. */
const PAYLOAD_RULES: Record<string, (payload: Record<string, unknown>) => boolean> = {
  "customers/data_request": (p) =>
    isShopDomain(p.shop_domain) && validCustomer(p.customer) && isIdList(p.orders_requested) && lacks(p, "orders_to_redact") &&
    (p.data_request === undefined || (isObject(p.data_request) && (p.data_request.id === undefined || isId(p.data_request.id)))),
  "customers/redact": (p) => isShopDomain(p.shop_domain) && validCustomer(p.customer) && isIdList(p.orders_to_redact) && lacks(p, "data_request", "orders_requested"),
  "shop/redact": (p) => isShopDomain(p.shop_domain) && lacks(p, "customer", "data_request", "orders_requested", "orders_to_redact"),
  "customers_email_marketing_consent/update": (p) =>
    (p.customer_id === undefined || p.customer_id === null || isId(p.customer_id)) &&
    (p.customer_id !== undefined && p.customer_id !== null ? true : typeof p.email_address === "string") &&
    validConsentBlock(p.email_marketing_consent, EMAIL_STATES),
  // The SMS topic's documented payload names the customer `id`.
  "customers_marketing_consent/update": (p) =>
    isId(p.id ?? p.customer_id) && validConsentBlock(p.sms_marketing_consent, SMS_STATES),
  // Shopify's documented sample has "myshopify_domain": null (and "domain": null): the shop then comes from the header.
  "app/uninstalled": (p) => p.myshopify_domain === undefined || p.myshopify_domain === null || isShopDomain(p.myshopify_domain),
  "app/scopes_update": (p) => Array.isArray(p.current) && p.current.every((s) => typeof s === "string"),
};

/** The shop a payload names, for the topics whose payload names one. */
function payloadShop(payload: Record<string, unknown>): string | null {
  for (const key of ["shop_domain", "myshopify_domain"]) {
    if (typeof payload[key] === "string") return (payload[key] as string).toLowerCase();
  }
  return null;
}

export async function verifyWebhook(input: Request | IncomingDelivery, topic: string, secret: string): Promise<VerifyResult> {
  const incoming = input instanceof Request ? deliveryFromRequest(input) : input;
  if (incoming.method !== "POST") return { ok: false, status: 405 };
  const signature = incoming.header("x-shopify-hmac-sha256");
  if (!signature) return { ok: false, status: 401 };
  const raw = await incoming.body(MAX_WEBHOOK_BODY_BYTES);
  if (raw === null) return { ok: false, status: 413 };
  if (!signatureMatches(raw, signature, secret)) return { ok: false, status: 401 };

  // Every delivery names its topic: one without, or with another route's, is not this route's.
  const headerTopic = incoming.header("x-shopify-topic");
  if (headerTopic !== topic) return { ok: false, status: 400 };

  const body = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  let payload: unknown;
  try {
    payload = parseWebhookJson(body);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!isObject(payload)) return { ok: false, status: 400 };
  const rule = PAYLOAD_RULES[topic];
  if (rule && !rule(payload)) return { ok: false, status: 400 };

  const headerShopRaw = incoming.header("x-shopify-shop-domain");
  const headerShop = headerShopRaw ? headerShopRaw.toLowerCase() : null;
  if (headerShop !== null && !isShopDomain(headerShop)) return { ok: false, status: 400 };
  const namedShop = payloadShop(payload);
  if (headerShop && namedShop && headerShop !== namedShop) return { ok: false, status: 400 };
  const shop = namedShop ?? headerShop;
  if (!shop) return { ok: false, status: 400 };

  return {
    ok: true,
    delivery: {
      topic,
      shop,
      webhookId: incoming.header("x-shopify-webhook-id") || null,
      apiVersion: incoming.header("x-shopify-api-version") || null,
      signature: Buffer.from(signature, "base64").toString("base64"),
      body,
      payload,
    },
  };
}
