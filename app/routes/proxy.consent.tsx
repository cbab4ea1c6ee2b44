// POST /apps/privacy/consent (Shopify → /proxy/consent): the consent banner reports the choice it
// stored with Shopify's Customer Privacy API, so the merchant can demonstrate consent (GDPR
// Art. 7(1)). A logged-in customer's choice is recorded against the customer. An anonymous
// visitor's is recorded pseudonymously: the banner sends a random id it keeps in the browser, and
// the ledger holds only a keyed hash of it ("visitor:<hash>"), never the id. Without an id (the
// browser blocks storage) the choice stays with Shopify alone: 202, not recorded. A malformed id
// is refused with 422 and nothing is stored.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { log } from "../log.server";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { proxyRequestInfo, proxyAllowance } from "../privacy/storefront/proxyRequest";
import { isPublishedPolicyVersion, parseBannerChoice, parseBannerVisitorId, recordBannerChoice, type BannerChooser } from "../privacy/storefront/bannerConsent";

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers } });

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const allowance = await proxyAllowance("consent", info);
  if (!allowance.allowed) return json(429, { ok: false }, { "Retry-After": String(allowance.retryAfterSeconds) });
  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request, 2048), request.headers.get("content-type"));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { ok: false }, { Connection: "close" });
    throw error;
  }
  const choice = parseBannerChoice(fields);
  if (!choice) return json(422, { ok: false, error: "invalid_choice" });
  if (choice.policyVersion !== null && !(await isPublishedPolicyVersion(db, info.shop, choice.policyVersion))) {
    return json(422, { ok: false, error: "unknown_policy_version" });
  }
  const visitor = parseBannerVisitorId(fields);
  if (!visitor.ok) return json(422, { ok: false, error: "invalid_visitor_id" });
  const chooser: BannerChooser | null = info.loggedInCustomerId
    ? { customerId: info.loggedInCustomerId }
    : visitor.visitorId
      ? { visitorId: visitor.visitorId }
      : null;
  if (!chooser) return json(202, { ok: true, recorded: false });
  await recordBannerChoice(db, { shop: info.shop, chooser, choice });
  log.info("storefront.consent.recorded", { shop: info.shop, subjectType: "customerId" in chooser ? "customer" : "visitor" });
  return json(201, { ok: true, recorded: true });
}
