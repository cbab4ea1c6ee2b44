// Who is acting and for which shop, for every desk route. The actor recorded on the timeline is the
// staff member's Shopify user id from the session token (an id stays true when a name changes); the
// name shown for it is learnt by the admin's layout loader (learnStaffName), once a week per staff
// member, from Shopify's token exchange.
import db from "../../db.server";
import { appConfig, authenticate } from "../../shopify.server";
import { errorKind, log } from "../../log.server";
import { recordStaffName, staffNameWanted } from "./staffNames";
import { presentedToken } from "../session/staffToken";

export interface StaffSession {
  shop: string;
  actor: string;
}

export async function staffSession(request: Request): Promise<StaffSession> {
  const context = await authenticate.admin(request);
  const user = "sessionToken" in context ? context.sessionToken?.sub : undefined;
  return { shop: context.session.shop, actor: user ? `staff:${user}` : "staff" };
}

/**
 * For a route the page only ever fetches (a JSON answer, never a document): a request with no
 * session token at all is 401, as the library answers a fetch whose token is invalid. The library
 * itself reads a request without an Authorization header as a document load and answers it with a
 * redirect to the login page (or the bounce page), which a fetch can do nothing with. A document
 * request carrying `id_token` is still checked by the library as usual.
 */
export async function staffFetchSession(request: Request): Promise<StaffSession> {
  if (!presentedToken(request)) {
    throw new Response(JSON.stringify({ error: "unauthorized" }), { status: 401, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return staffSession(request);
}

/** Another shop's id answers exactly like an id that never existed. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** How long a page waits for Shopify's answer before it is shown without the name. */
const EXCHANGE_WAIT_MS = 2500;
/** After Shopify did not answer, the app leaves it alone this long (per shop and staff member). */
const RETRY_AFTER_MS = 10 * 60 * 1000;
const lastFailure = new Map<string, number>();

/**
 * Asks Shopify for an online access token for this staff member (token exchange,
 * requested_token_type online-access-token) only for the associated_user's name; the token itself
 * is dropped. A page never fails or waits long because of it.
 */
export async function learnStaffName(request: Request, shop: string, userId: string): Promise<void> {
  const key = `${shop} ${userId}`;
  const failedAt = lastFailure.get(key);
  if (failedAt && Date.now() - failedAt < RETRY_AFTER_MS) return;
  // The session token the library just verified: a fetch's Bearer header or a document's id_token.
  const sessionToken = presentedToken(request);
  if (!sessionToken) return;
  try {
    if (!(await staffNameWanted(db, shop, userId))) return;
  } catch {
    return;
  }
  const exchange = (async () => {
    const response = await fetch(`https://${shop}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        client_id: appConfig.apiKey,
        client_secret: appConfig.apiSecret,
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: sessionToken,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token",
      }),
    });
    if (!response.ok) throw new Error(`token exchange answered HTTP ${response.status}`);
    const body = (await response.json()) as { associated_user?: { id?: number | string; first_name?: string | null; last_name?: string | null } };
    const associated = body.associated_user;
    // The token is for the user the session token names; anything else is not this staff member.
    if (!associated || String(associated.id) !== userId) throw new Error("token exchange answered for another user");
    await recordStaffName(db, shop, userId, { firstName: associated.first_name ?? "", lastName: associated.last_name ?? "" });
    lastFailure.delete(key);
  })().catch((error: unknown) => {
    lastFailure.set(key, Date.now());
    // No names, user ids or tokens in the log.
    log.warn("staff name lookup failed", { shop, kind: errorKind(error) });
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exchange, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXCHANGE_WAIT_MS)))]);
  clearTimeout(timer);
}
