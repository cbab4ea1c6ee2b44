// /apps/privacy/verify (Shopify → /proxy/verify): the one-time identity link mailed to a shopper.
// GET shows a confirmation button; only the POST uses the token.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { translate, type MessageKey } from "../i18n";
import { confirmIdentityByToken } from "../privacy/identity";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { proxyRequestInfo, shopperLocale, proxyAllowance } from "../privacy/storefront/proxyRequest";
import { proxyAnswer, refusalAnswer } from "../privacy/storefront/proxyAnswer";
import { messagePage, verifyPage } from "../privacy/storefront/proxyPage";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const locale = shopperLocale(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!TOKEN_SHAPE.test(token)) {
    const message = translate(locale, "storefront.verify.invalid");
    return proxyAnswer(info.wantsJson, { status: 400, json: { ok: false, message }, page: messagePage(locale, "storefront.verify.title", message) });
  }
  return proxyAnswer(info.wantsJson, { status: 200, json: { ok: true }, page: verifyPage(locale, token) });
}

const FAILURE_STATUS = { invalid: 400, expired: 410, used: 409, closed: 409 } as const;

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const allowance = await proxyAllowance("verify", info);
  if (!allowance.allowed) {
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.verify.title", { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
  }
  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request, 2048), request.headers.get("content-type"));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.verify.title", { status: 413 });
  }
  const locale = shopperLocale(request, fields);
  const token = typeof fields.token === "string" ? fields.token : "";
  const outcome = await confirmIdentityByToken(db, info.shop, token);
  if (outcome.ok) {
    const message = translate(locale, "storefront.verify.done", { reference: outcome.reference });
    return proxyAnswer(info.wantsJson, {
      status: 200,
      json: { ok: true, reference: outcome.reference, message },
      page: messagePage(locale, "storefront.verify.title", message, "info"),
    });
  }
  const message = translate(locale, `storefront.verify.${outcome.reason}` as MessageKey);
  return proxyAnswer(info.wantsJson, {
    status: FAILURE_STATUS[outcome.reason],
    json: { ok: false, reason: outcome.reason, message },
    // A link used before means the identity is already confirmed: news, not a failure.
    page: messagePage(locale, "storefront.verify.title", message, outcome.reason === "used" ? "info" : "error"),
  });
}
