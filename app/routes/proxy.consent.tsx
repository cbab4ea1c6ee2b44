// POST /apps/privacy/consent (Shopify → /proxy/consent): the consent banner reports the choice it
// stored with Shopify's Customer Privacy API. The ledger keeps choices per person, so only a
// logged-in customer's choice is recorded; an anonymous visitor's stays with Shopify alone.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { log } from "../log.server";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { proxyRequestInfo, takeProxyAllowance } from "../privacy/storefront/proxyRequest";
import { parseBannerChoice, recordBannerChoice } from "../privacy/storefront/bannerConsent";

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers } });

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const allowance = takeProxyAllowance("consent", info);
  if (!allowance.allowed) return json(429, { ok: false }, { "Retry-After": String(allowance.retryAfterSeconds) });
  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request, 2048), request.headers.get("content-type"));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { ok: false }, { Connection: "close" });
    throw error;
  }
  const choice = parseBannerChoice(fields);
  if (!choice) return json(422, { ok: false });
  if (!info.loggedInCustomerId) return json(202, { ok: true, recorded: false });
  await recordBannerChoice(db, { shop: info.shop, customerId: info.loggedInCustomerId, choice });
  log.info("storefront.consent.recorded", { shop: info.shop });
  return json(201, { ok: true, recorded: true });
}
