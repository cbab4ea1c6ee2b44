// /apps/privacy/requests/status (Shopify → /proxy/requests/status): a shopper checks a request's
// status with its reference and the email they used.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { translate, type Locale, type MessageKey } from "../i18n";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { proxyRequestInfo, shopperLocale, proxyAllowance } from "../privacy/storefront/proxyRequest";
import { proxyAnswer, refusalAnswer } from "../privacy/storefront/proxyAnswer";
import { statusPage } from "../privacy/storefront/proxyPage";
import { findRequestStatusByToken, findShopperRequestStatus, type ShopperRequestStatus } from "../privacy/storefront/requestStatus";
import { lookupAllowance, recordLookupMiss } from "../privacy/storefront/limits";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests/deskSettings";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const locale = shopperLocale(request);
  const params = new URL(request.url).searchParams;
  const token = params.get("token");
  if (token !== null) {
    // The status link from the acknowledgement: the token alone names the request.
    const allowance = await proxyAllowance("status", info);
    if (!allowance.allowed) {
      return refusalAnswer(info.wantsJson, locale, "storefront.status.title", { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
    }
    const found = await findRequestStatusByToken(db, info.shop, token);
    if (!found) return notFound(info.wantsJson, locale, "", "");
    return foundAnswer(info.wantsJson, locale, found, info.shop);
  }
  const reference = (params.get("reference") ?? "").slice(0, 40);
  return proxyAnswer(info.wantsJson, { status: 200, json: { ok: true }, page: statusPage(locale, { reference }) });
}

const notFound = (wantsJson: boolean, locale: Locale, reference: string, email: string) =>
  proxyAnswer(wantsJson, {
    status: 404,
    json: { ok: false, message: translate(locale, "storefront.status.not_found") },
    page: statusPage(locale, { reference, email, result: "not_found" }),
  });

async function foundAnswer(wantsJson: boolean, locale: Locale, found: ShopperRequestStatus, shop: string) {
  return proxyAnswer(wantsJson, {
    status: 200,
    json: {
      ok: true,
      reference: found.reference,
      status: found.status,
      statusLabel: translate(locale, `storefront.status.${found.status}`),
      nextStep: translate(locale, `storefront.next.${found.nextStep}` as MessageKey),
      receivedAt: found.receivedAt.toISOString(),
      dueAt: found.dueAt.toISOString(),
    },
    page: statusPage(locale, { reference: found.reference, result: found, timeZone: settingsTimeZone(await loadDeskSettings(db, shop)) }),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request, 4096), request.headers.get("content-type"));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.status.title", { status: 413 });
  }
  // The small body is read first, so a refusal speaks the form's language.
  const locale = shopperLocale(request, fields);
  const allowance = await proxyAllowance("status", info);
  if (!allowance.allowed) {
    return refusalAnswer(info.wantsJson, locale, "storefront.status.title", { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
  }
  const reference = typeof fields.reference === "string" ? fields.reference.slice(0, 40) : "";
  const email = typeof fields.email === "string" ? fields.email.slice(0, 254) : "";
  // Per subject: an email or a reference that missed too often is refused for a while, whatever
  // address asks, so neither can be walked.
  const subject = await lookupAllowance(info.shop, reference, email);
  if (!subject.allowed) {
    return refusalAnswer(info.wantsJson, locale, "storefront.status.title", { status: 429, retryAfterSeconds: subject.retryAfterSeconds });
  }
  const found = await findShopperRequestStatus(db, info.shop, reference, email);
  if (!found) {
    await recordLookupMiss(info.shop, reference, email);
    return notFound(info.wantsJson, locale, reference, email);
  }
  return foundAnswer(info.wantsJson, locale, found, info.shop);
}
