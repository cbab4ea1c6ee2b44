// Stand-in for the session tokens App Bridge gets from Shopify admin: an HS256 JWT signed with the
// app's client secret carrying iss, dest, aud, sub, exp, nbf, iat, jti and sid.
import { createHmac, randomUUID } from "node:crypto";

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export interface SessionTokenOptions {
  shop: string;
  apiKey: string;
  secret: string;
  /** Shopify user id of the staff member. */
  userId?: string;
  /** Seconds since the epoch at which the token is issued; now by default. */
  issuedAt?: number;
  /** Lifetime in seconds; Shopify issues one-minute tokens. */
  lifetime?: number;
}

export function mintSessionToken(options: SessionTokenOptions): string {
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: options.userId ?? "42",
    exp: iat + (options.lifetime ?? 60),
    nbf: iat,
    iat,
    jti: randomUUID(),
    sid: randomUUID().replace(/-/g, ""),
  };
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", options.secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}

/** The `host` parameter Shopify admin passes: base64 of admin.shopify.com/store/<name>. */
export function adminHost(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64url");
}

/** The URL Shopify admin loads in its iframe for a document request to the embedded app. */
export function embeddedAppUrl(appUrl: string, path: string, options: SessionTokenOptions & { locale?: string }): string {
  const url = new URL(path, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", options.shop);
  url.searchParams.set("host", adminHost(options.shop));
  url.searchParams.set("locale", options.locale ?? "ja");
  url.searchParams.set("id_token", mintSessionToken(options));
  return url.toString();
}

export interface CustomerAccountTokenOptions {
  shop: string;
  apiKey: string;
  secret: string;
  /** The logged-in customer's numeric id; absent for a visitor who is not logged in. */
  customerId?: string | number;
  issuedAt?: number;
  /** Lifetime in seconds; Shopify's extension tokens last five minutes. */
  lifetime?: number;
}

/**
 * Stand-in for the session token a customer account UI extension gets from
 * `shopify.sessionToken.get()`: HS256 with the client secret, the shop's domain as `dest`, the app's
 * client id as `aud`, the customer's GID as `sub` (only when logged in), exp, nbf, iat and jti.
 */
export function mintCustomerAccountToken(options: CustomerAccountTokenOptions): string {
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const payload = {
    dest: options.shop,
    aud: options.apiKey,
    ...(options.customerId !== undefined ? { sub: `gid://shopify/Customer/${options.customerId}` } : {}),
    exp: iat + (options.lifetime ?? 300),
    nbf: iat,
    iat,
    jti: randomUUID(),
  };
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", options.secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}
