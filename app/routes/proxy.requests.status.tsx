// /apps/privacy/requests/status (Shopify → /proxy/requests/status): a shopper checks a request's
// status with its reference and the email they used.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { translate, type MessageKey } from "../i18n";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { proxyRequestInfo, shopperLocale, takeProxyAllowance } from "../privacy/storefront/proxyRequest";
import { proxyAnswer, refusalAnswer } from "../privacy/storefront/proxyAnswer";
import { statusPage } from "../privacy/storefront/proxyPage";
import { findShopperRequestStatus } from "../privacy/storefront/requestStatus";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests/deskSettings";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const locale = shopperLocale(request);
  const reference = (new URL(request.url).searchParams.get("reference") ?? "").slice(0, 40);
  return proxyAnswer(info.wantsJson, { status: 200, json: { ok: true }, page: statusPage(locale, { reference }) });
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const allowance = takeProxyAllowance("status", info);
  if (!allowance.allowed) {
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.status.title", { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
  }
  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request, 4096), request.headers.get("content-type"));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.status.title", { status: 413 });
  }
  const locale = shopperLocale(request, fields);
  const reference = typeof fields.reference === "string" ? fields.reference.slice(0, 40) : "";
  const email = typeof fields.email === "string" ? fields.email.slice(0, 254) : "";
  const found = await findShopperRequestStatus(db, info.shop, reference, email);
  if (!found) {
    return proxyAnswer(info.wantsJson, {
      status: 404,
      json: { ok: false, message: translate(locale, "storefront.status.not_found") },
      page: statusPage(locale, { reference, email, result: "not_found" }),
    });
  }
  return proxyAnswer(info.wantsJson, {
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
    page: statusPage(locale, { reference, result: found, timeZone: settingsTimeZone(await loadDeskSettings(db, info.shop)) }),
  });
}
