// What the app needs to know about a request Shopify forwarded through the App Proxy, after the
// signature was checked: the shop, the logged-in customer, the shopper's language and address.
import { resolveLocale, type Locale } from "../../i18n";
import { isShopifyIdText } from "../shopifyId";

export interface ProxyRequestInfo {
  shop: string;
  loggedInCustomerId: string | null;
  ip: string;
  wantsJson: boolean;
}

export function proxyRequestInfo(request: Request): ProxyRequestInfo {
  const url = new URL(request.url);
  const customer = (url.searchParams.get("logged_in_customer_id") ?? "").trim();
  return {
    shop: url.searchParams.get("shop") ?? "",
    loggedInCustomerId: isShopifyIdText(customer) ? customer : null,
    ip: shopperAddress(request.headers),
    wantsJson: (request.headers.get("accept") ?? "").includes("application/json"),
  };
}

/** The form's hidden locale field, then ?locale=, then Accept-Language; Japanese otherwise. */
export function shopperLocale(request: Request, fields: Record<string, unknown> = {}): Locale {
  const fromForm = typeof fields.locale === "string" ? fields.locale : null;
  const fromQuery = new URL(request.url).searchParams.get("locale");
  return resolveLocale(fromForm || fromQuery, request.headers.get("accept-language"));
}

/**
 * The shopper's address as far as the App Proxy vouches for it. Shopify's proxy adds the address it
 * saw to X-Forwarded-For; anything to the left of it was sent by the shopper and proves nothing, and
 * X-Real-IP is not Shopify's at all. So the entry taken is the one Shopify added: the last, or, when
 * the app runs behind proxies of its own that append too, the one PRIVACY_DESK_TRUSTED_PROXY_HOPS
 * places from the end. It still only ever limits alongside the per-subject and per-shop limits.
 */
export function shopperAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = Math.max(0, Math.min(10, Number.parseInt(env.PRIVACY_DESK_TRUSTED_PROXY_HOPS ?? "0", 10) || 0));
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const address = entries[entries.length - 1 - hops] ?? "";
  return /^[0-9a-fA-F:.]{2,45}$/.test(address) ? address : "unknown";
}

export { proxyAllowance, type Allowance } from "./limits";
