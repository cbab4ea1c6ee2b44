// Stand-in for Shopify's App Proxy: the query parameters Shopify adds to a proxied request and
// their signature. Shopify removes `signature`, sorts the remaining keys, joins each `key=value`
// (values of a repeated key joined by ","), concatenates with no separator, and signs the result
// with HMAC-SHA256 (hex) using the app's client secret.
import { createHmac } from "node:crypto";

export type ProxyParams = Record<string, string | string[]>;

export function proxySignatureBase(params: ProxyParams): string {
  return Object.keys(params)
    .filter((key) => key !== "signature")
    .sort()
    .map((key) => {
      const value = params[key];
      return `${key}=${Array.isArray(value) ? value.join(",") : value}`;
    })
    .join("");
}

export function signProxyParams(params: ProxyParams, secret: string): string {
  return createHmac("sha256", secret).update(proxySignatureBase(params)).digest("hex");
}

export interface ProxyContext {
  shop: string;
  secret: string;
  pathPrefix?: string;
  loggedInCustomerId?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
}

/**
 * The query string Shopify appends when it forwards a storefront request to the app, signed as
 * Shopify signs it: the timestamp is in whole seconds, so two requests of one shopper within a
 * second carry the same query and signature (the app takes a logged-in shopper's query for one
 * post only; a test of separate posts within a second gives each its own timestamp).
 */
export function signedProxyQuery(context: ProxyContext, extra: Record<string, string> = {}): URLSearchParams {
  const params: Record<string, string> = {
    ...extra,
    shop: context.shop,
    logged_in_customer_id: context.loggedInCustomerId ?? "",
    path_prefix: context.pathPrefix ?? "/apps/privacy",
    timestamp: String(context.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const query = new URLSearchParams(params);
  query.set("signature", signProxyParams(params, context.secret));
  return query;
}
