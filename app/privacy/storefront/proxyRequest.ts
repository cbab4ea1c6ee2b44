// What the app needs to know about a request Shopify forwarded through the App Proxy, after the
// signature was checked: the shop, the logged-in customer, the shopper's language and address.
import { resolveLocale, type Locale } from "../../i18n";
import { TokenBuckets, takeAll, type BucketRule, type TakeResult } from "./rateLimit";

export interface ProxyRequestInfo {
  shop: string;
  loggedInCustomerId: string | null;
  ip: string;
  wantsJson: boolean;
}

export function proxyRequestInfo(request: Request): ProxyRequestInfo {
  const url = new URL(request.url);
  const customer = (url.searchParams.get("logged_in_customer_id") ?? "").trim();
  // Shopify's proxy forwards the shopper's address first in X-Forwarded-For.
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    shop: url.searchParams.get("shop") ?? "",
    loggedInCustomerId: /^\d{1,20}$/.test(customer) ? customer : null,
    ip: forwarded || request.headers.get("x-real-ip") || "unknown",
    wantsJson: (request.headers.get("accept") ?? "").includes("application/json"),
  };
}

/** The form's hidden locale field, then ?locale=, then Accept-Language; Japanese otherwise. */
export function shopperLocale(request: Request, fields: Record<string, unknown> = {}): Locale {
  const fromForm = typeof fields.locale === "string" ? fields.locale : null;
  const fromQuery = new URL(request.url).searchParams.get("locale");
  return resolveLocale(fromForm || fromQuery, request.headers.get("accept-language"));
}

// Per shopper address: a burst of 10 then one every 20 s, for every purpose. Generous for people,
// tight for scripts. In-process: see rateLimit.ts about instances.
export const PER_IP_RULE: BucketRule = { capacity: 10, refillPerSecond: 1 / 20 };
// Per shop, forms (requests, status look-ups, verification): a burst of 120 then 2 per second.
export const PER_SHOP_FORM_RULE: BucketRule = { capacity: 120, refillPerSecond: 2 };
// Per shop, consent: every visitor's banner choice is posted here, so a large shop during a sale
// sends far more than forms do. Shopify keeps a refused choice, but the ledger would lose it, so
// the shop-wide limit is sized for traffic (a burst of 600 then 20 per second); the per-address
// limit still stops one script from filling the ledger.
export const PER_SHOP_CONSENT_RULE: BucketRule = { capacity: 600, refillPerSecond: 20 };

const perIp = new TokenBuckets(PER_IP_RULE);
const perShopForms = new TokenBuckets(PER_SHOP_FORM_RULE);
const perShopConsent = new TokenBuckets(PER_SHOP_CONSENT_RULE);

export function takeProxyAllowance(purpose: "request" | "status" | "consent" | "verify", info: ProxyRequestInfo, now = Date.now()): TakeResult {
  return takeAll(
    [
      [perIp, `${purpose}:${info.shop}:${info.ip}`],
      [purpose === "consent" ? perShopConsent : perShopForms, `${purpose}:${info.shop}`],
    ],
    now,
  );
}
