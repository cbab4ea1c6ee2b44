// Who is calling from a UI extension, for the app's api.* routes. Shopify admin's blocks and actions
// send the staff member's session token (authenticate.admin); a customer account page sends the
// customer's (authenticate.public.customerAccount). Both are HS256 tokens signed with the client
// secret, so each check also demands the claims of its own kind: an admin token names a staff user
// and is issued by the shop's admin; a customer-account token names a Customer. The library's
// customer-account check skips the audience, so it is checked here. Every answer carries the CORS
// headers Shopify's extension sandboxes need (Access-Control-Allow-Origin *, Authorization and
// Content-Type allowed), errors included, and OPTIONS preflights are answered by the library.
import { authenticate, appConfig, sessionStorage } from "../../shopify.server";
import { adminGraphqlForShop } from "../../shopifyAdmin.server";
import { AdminApiError, UserErrorsError, type AdminGraphql } from "../adminApi";
import { BodyTooLargeError, readLimitedText } from "../storefront/body";
import { RequestInputError, RequestNotFoundError } from "../requests/requestTypes";
import { errorKind, log } from "../../log.server";
import { cleanStrings } from "../cleanText";

type Cors = (response: Response) => Response;

export const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers } });

export interface AdminExtensionSession {
  shop: string;
  actor: string;
  cors: Cors;
  api: () => Promise<AdminGraphql>;
}

export async function adminExtensionSession(request: Request): Promise<AdminExtensionSession> {
  const refuse = () =>
    new Response(JSON.stringify({ error: "unauthorized" }), { status: 401, headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" } });
  // Without a bearer token the library would treat the call as the embedded app's document request.
  if (request.method !== "OPTIONS" && !/^Bearer \S+$/.test(request.headers.get("authorization") ?? "")) throw refuse();
  let context: Awaited<ReturnType<typeof authenticate.admin>>;
  try {
    context = await authenticate.admin(request);
  } catch (error) {
    // The app's refusal of a token of another kind (shopify.server.ts) gains the CORS headers.
    if (error instanceof Response && !(error.status === 401 && !error.headers.has("Access-Control-Allow-Origin"))) throw error;
    // A validly signed token the library cannot read as an admin token (a customer account's
    // `dest` is no URL): not a staff member.
    throw refuse();
  }
  const shop = context.session.shop;
  const token = "sessionToken" in context ? context.sessionToken : undefined;
  if (!token || token.iss !== `https://${shop}/admin` || !/^\d+$/.test(String(token.sub ?? ""))) {
    throw context.cors(jsonAnswer(401, { error: "unauthorized" }));
  }
  return { shop, actor: `staff:${token.sub}`, cors: context.cors, api: () => adminGraphqlForShop(shop) };
}

export interface CustomerAccountSession {
  shop: string;
  customerId: string;
  cors: Cors;
  api: () => Promise<AdminGraphql>;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d{1,20})$/;

export async function customerAccountSession(request: Request): Promise<CustomerAccountSession> {
  let context: Awaited<ReturnType<typeof authenticate.public.customerAccount>>;
  try {
    context = await authenticate.public.customerAccount(request);
  } catch (error) {
    // The library refuses a missing or invalid token without CORS headers, which the account page
    // could not even read: the refusal keeps its status and gains them.
    if (error instanceof Response && !error.headers.has("Access-Control-Allow-Origin")) {
      const headers = new Headers(error.headers);
      headers.set("Access-Control-Allow-Origin", "*");
      headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
      throw new Response(error.status === 401 ? JSON.stringify({ error: "unauthorized" }) : error.body, { status: error.status, headers });
    }
    throw error;
  }
  const { sessionToken, cors } = context;
  // `dest` is the shop's domain; accept it with or without a scheme.
  const shop = String(sessionToken.dest ?? "").replace(/^https:\/\//, "").replace(/\/$/, "").toLowerCase();
  const customerId = CUSTOMER_GID.exec(String(sessionToken.sub ?? ""))?.[1];
  if (!SHOP_DOMAIN.test(shop) || !customerId || sessionToken.aud !== appConfig.apiKey) throw cors(jsonAnswer(401, { error: "unauthorized" }));
  // A shop that uninstalled the app has no token to act with, and no page to show.
  const offline = await sessionStorage.loadSession(`offline_${shop}`);
  if (!offline?.accessToken) throw cors(jsonAnswer(401, { error: "not_installed" }));
  return { shop, customerId, cors, api: () => adminGraphqlForShop(shop) };
}

export const MAX_EXTENSION_BODY = 16 * 1024;

/** The JSON object a call sent, or a 400/413 answer (with CORS) that changes nothing. */
export async function readJsonBody(request: Request, cors: Cors): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readLimitedText(request, MAX_EXTENSION_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw cors(jsonAnswer(413, { error: "body_too_large" }));
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return cleanStrings(value as Record<string, unknown>);
  } catch {
    // answered below
  }
  throw cors(jsonAnswer(400, { error: "invalid_json" }));
}

/** Runs the route's work and turns the domain's errors into answers the extension can show. */
export async function answer(cors: Cors, event: string, work: () => Promise<Response>): Promise<Response> {
  try {
    return cors(await work());
  } catch (error) {
    if (error instanceof Response) return cors(error);
    if (error instanceof RequestNotFoundError) return cors(jsonAnswer(404, { error: "not_found" }));
    if (error instanceof RequestInputError) {
      const status = error.code === "too_many_open_requests" ? 429 : error.code === "package_not_ready" ? 409 : 400;
      return cors(jsonAnswer(status, { error: error.code, field: error.field ?? null }));
    }
    if (error instanceof UserErrorsError) return cors(jsonAnswer(422, { error: "shopify_refused" }));
    if (error instanceof AdminApiError) {
      log.warn(`${event}.shopify_unavailable`, { errorKind: error.code });
      return cors(jsonAnswer(502, { error: "shopify_unavailable" }));
    }
    log.error(`${event}.failed`, { errorKind: errorKind(error) });
    return cors(jsonAnswer(500, { error: "failed" }));
  }
}

export const APP_URL = () => appConfig.appUrl;
