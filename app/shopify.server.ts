// The one place the Shopify library is configured.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { errorKind, log } from "./log.server";
import { readAppConfig } from "./config.server";
import { isStaffToken, presentedToken, unverifiedClaims } from "./privacy/session/staffToken";
import { firstUseOfSignedQuery, seenSignatures } from "./privacy/storefront/signedQueries";
import { refusalAnswer } from "./privacy/storefront/proxyAnswer";
import { proxyRequestInfo, shopperLocale } from "./privacy/storefront/proxyRequest";

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
  hooks: {
    // The moment the app gets the shop's offline token (install, or a token exchange after it was
    // lost): read the shop's name, time zone and contact address at once, so notices queued before
    // a staff member opens a page are signed with the shop's name. Never fails the authentication.
    afterAuth: async ({ session }) => {
      if (session.isOnline) return;
      const [{ ensureShopSetUp }, { adminGraphqlForShop }] = await Promise.all([import("./privacy/shopSetup"), import("./shopifyAdmin.server")]);
      await ensureShopSetUp(db, session.shop, () => adminGraphqlForShop(session.shop)).catch((error: unknown) =>
        // Shopify's own failures are logged by set-up; this is the app's (its database), which the first page load retries.
        log.warn("shop_setup.after_auth_failed", { shop: session.shop, errorKind: errorKind(error) }),
      );
    },
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

// Parameters Shopify adds to every proxied query and signs. The library joins a repeated key's
// values with "," before checking the signature, while the app reads the first value: a shopper who
// adds `?logged_in_customer_id=<anyone>` to a storefront URL gets a query Shopify signed with both
// values, the shopper's first. Such a query is refused before anything reads it.
const SIGNED_PROXY_PARAMETERS = ["shop", "logged_in_customer_id", "timestamp", "path_prefix", "signature"];

// On SQLite a row of the database, so that a restart does not forget a query already used.
const seenSignedQueries = seenSignatures(db);

const singleSignedParameters: typeof shopify.authenticate.public.appProxy = async (request) => {
  let params: URLSearchParams;
  try {
    params = new URL(request.url).searchParams;
  } catch {
    throw new Response("Bad request", { status: 400 });
  }
  if (SIGNED_PROXY_PARAMETERS.some((name) => params.getAll(name).length > 1)) throw new Response("Bad request", { status: 400 });
  const context = await shopify.authenticate.public.appProxy(request);
  // The signature covers the query, not the body, and holds for 90 s: a logged-in shopper's query
  // read from a log could carry anyone's post under their login (a request verified by it, their
  // package's download). Each such query is good for one post, and a query already seen (a page
  // view's) for none; looking at a page records its query without refusing it.
  if (params.get("logged_in_customer_id")) {
    const first = await firstUseOfSignedQuery(params.get("shop") ?? "", params.get("signature") ?? "", seenSignedQueries);
    if (!first && request.method !== "GET" && request.method !== "HEAD") {
      throw refusalAnswer(proxyRequestInfo(request).wantsJson, shopperLocale(request), "storefront.invalid.title", { status: 409 });
    }
  }
  return context;
};

export const authenticate: typeof shopify.authenticate = {
  ...shopify.authenticate,
  admin: staffOnlyAdmin,
  public: { ...shopify.authenticate.public, appProxy: singleSignedParameters },
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
