// The one place the Shopify library is configured.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { readAppConfig } from "./config.server";
import { isStaffToken, presentedToken, unverifiedClaims } from "./privacy/session/staffToken";

/** Must equal `[webhooks] api_version` in shopify.app.toml (a test holds them together). */
export const API_VERSION = ApiVersion.October26;

export const appConfig = readAppConfig();

const shopify = shopifyApp({
  apiKey: appConfig.apiKey,
  apiSecretKey: appConfig.apiSecret,
  apiVersion: API_VERSION,
  scopes: appConfig.scopes,
  appUrl: appConfig.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db),
  distribution: AppDistribution.AppStore,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
const refuseToken = () => new Response(JSON.stringify({ error: "unauthorized" }), { status: 401, headers: { "Content-Type": "application/json; charset=utf-8" } });

/**
 * The library's admin check, taking only a staff member's token of the shop (privacy/session/
 * staffToken.ts): a customer-account token is refused before the library reads it, and the verified
 * token is checked again against the session's shop.
 */
const staffOnlyAdmin: typeof shopify.authenticate.admin = async (request) => {
  const token = presentedToken(request);
  if (token) {
    const claims = unverifiedClaims(token);
    if (!claims || !isStaffToken(claims)) throw refuseToken();
  }
  const context = await shopify.authenticate.admin(request);
  const verified = "sessionToken" in context ? context.sessionToken : undefined;
  if (verified && !isStaffToken(verified, context.session.shop)) throw refuseToken();
  return context;
};

export const authenticate: typeof shopify.authenticate = { ...shopify.authenticate, admin: staffOnlyAdmin };
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
