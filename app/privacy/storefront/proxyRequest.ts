// What the app needs to know about a request Shopify forwarded through the App Proxy, after the
// signature was checked: the shop, the logged-in customer, the shopper's language and address.
import { resolveLocale, type Locale } from "../../i18n";
import { TokenBuckets, takeAll, type TakeResult } from "./rateLimit";

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

// Per shopper address: a burst of 10 then one every 20 s. Per shop: a burst of 120 then 2 per
// second. Generous for people, tight for scripts. In-process: see rateLimit.ts about instances.
const perIp = new TokenBuckets({ capacity: 10, refillPerSecond: 1 / 20 });
const perShop = new TokenBuckets({ capacity: 120, refillPerSecond: 2 });

export function takeProxyAllowance(purpose: "request" | "status" | "consent" | "verify", info: ProxyRequestInfo): TakeResult {
  return takeAll([
    [perIp, `${purpose}:${info.shop}:${info.ip}`],
    [perShop, `${purpose}:${info.shop}`],
  ]);
}
