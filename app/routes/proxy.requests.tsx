// POST /apps/privacy/requests (Shopify → /proxy/requests): the storefront privacy request form.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { log, errorKind } from "../log.server";
import { translate, type Locale, type MessageKey } from "../i18n";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { parseRequestForm, type FormError, type RequestFormField } from "../privacy/storefront/requestForm";
import { proxyRequestInfo, shopperLocale, proxyAllowance } from "../privacy/storefront/proxyRequest";
import { backPath, decoyReference, proxyAnswer, refusalAnswer } from "../privacy/storefront/proxyAnswer";
import { invalidPage, messagePage, receivedPage } from "../privacy/storefront/proxyPage";
import { submitStorefrontRequest } from "../privacy/storefront/submitRequest";
import { RequestInputError } from "../privacy/requests/requestTypes";
import { statusLinkPath } from "../privacy/requests/createRequest";
import { submissionAllowance } from "../privacy/storefront/limits";

const DESK_FIELDS: Record<string, RequestFormField> = {
  customerName: "name",
  email: "email",
  phone: "phone",
  orderName: "order",
  message: "message",
  agentName: "agent_name",
  agentRelationship: "agent_relationship",
  deliveryMethod: "delivery",
  type: "type",
};

function errorText(locale: Locale, error: FormError): string {
  return translate(locale, `storefront.error.${error.code}` as MessageKey, error.max ? { max: error.max } : undefined);
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const allowance = await proxyAllowance("request", info);
  if (!allowance.allowed) {
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.invalid.title", { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
  }

  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request), request.headers.get("content-type"));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refusalAnswer(info.wantsJson, shopperLocale(request), "storefront.invalid.title", { status: 413 });
  }
  const locale = shopperLocale(request, fields);
  const parsed = parseRequestForm(fields, locale);

  // The status link with its token is shown once, to the submission that created the request; a
  // repeat of it gets the look-up by reference and email (the mail carries the link too).
  const received = (reference: string, status: number, statusToken: string | null = null) =>
    proxyAnswer(info.wantsJson, {
      status,
      json: { ok: true, reference, statusUrl: statusToken ? statusLinkPath(statusToken) : `/apps/privacy/requests/status?reference=${encodeURIComponent(reference)}` },
      page: receivedPage(locale, reference, statusToken),
    });

  if (parsed.honeypot) {
    log.info("storefront.request.honeypot", { shop: info.shop });
    return received(decoyReference(), 201);
  }

  let errors = parsed.ok ? {} : parsed.errors;
  if (parsed.ok) {
    const allowance = await submissionAllowance(info.shop, parsed.form.email);
    if (!allowance.allowed) {
      return refusalAnswer(info.wantsJson, locale, "storefront.invalid.title", { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
    }
    try {
      const result = await submitStorefrontRequest(db, { shop: info.shop, form: parsed.form, loggedInCustomerId: info.loggedInCustomerId });
      log.info("storefront.request.received", { shop: info.shop, requestId: result.requestId, duplicate: result.duplicate });
      return received(result.reference, result.duplicate ? 200 : 201, result.statusToken);
    } catch (error) {
      if (!(error instanceof RequestInputError)) {
        log.error("storefront.request.failed", { shop: info.shop, error: errorKind(error) });
        const message = translate(locale, "storefront.error.failed");
        return proxyAnswer(info.wantsJson, { status: 503, json: { ok: false, message }, page: messagePage(locale, "storefront.invalid.title", message) });
      }
      errors = { [DESK_FIELDS[error.field ?? ""] ?? "message"]: { code: error.field === "email" ? "email" : "unknown_choice" } };
    }
  }

  const fieldErrors = Object.fromEntries(Object.entries(errors).map(([field, error]) => [field, errorText(locale, error)]));
  return proxyAnswer(info.wantsJson, {
    status: 422,
    json: { ok: false, message: translate(locale, "storefront.error.summary"), errors: fieldErrors },
    page: invalidPage(
      locale,
      Object.entries(fieldErrors).map(([field, message]) => ({ label: translate(locale, `storefront.field.${field}` as MessageKey), message })),
      backPath(request),
    ),
  });
}
