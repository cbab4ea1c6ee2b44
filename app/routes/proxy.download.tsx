// /apps/privacy/download (Shopify → /proxy/download): the link in a disclosure's decision notice.
// GET shows what the person must do; POST mails a code or hands out the file, once the identity the
// request was verified with is shown again (login as its customer, or the mailed code).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { translate, type Locale, type MessageKey } from "../i18n";
import { formatCalendarDate } from "../privacy/calendarDate";
import { mailConfigured } from "../privacy/mail/delivery";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests/deskSettings";
import {
  CODE_MINUTES,
  checkDeliveryCode,
  deliverPackage,
  isPackageFormat,
  maskedEmail,
  openDeliveryLink,
  sendDeliveryCode,
  verifiedByLogin,
  deliveredFileResponse,
  type OpenedLink,
} from "../privacy/disclosure/delivery";
import { BodyTooLargeError, parseBody, readLimitedText } from "../privacy/storefront/body";
import { proxyRequestInfo, shopperLocale, proxyAllowance, type ProxyRequestInfo } from "../privacy/storefront/proxyRequest";
import { proxyAnswer, refusalAnswer } from "../privacy/storefront/proxyAnswer";
import { messagePage } from "../privacy/storefront/proxyPage";
import { downloadCodeEntryPage, downloadCodeOfferPage, downloadFormPage, downloadLoginPage, type DownloadPageContext } from "../privacy/storefront/downloadPage";

const TITLE = "storefront.download.title" as const;

function page(wantsJson: boolean, status: number, body: string, extra: Record<string, unknown> = {}) {
  return proxyAnswer(wantsJson, { status, json: { ok: status < 400, ...extra }, page: body });
}

function message(info: ProxyRequestInfo, locale: Locale, status: number, key: MessageKey) {
  return page(info.wantsJson, status, messagePage(locale, TITLE, translate(locale, key)), { reason: key.split(".").pop() });
}

/** The link's page or its refusal: an unknown link is 404, an expired or used-up one 410. */
async function opened(info: ProxyRequestInfo, locale: Locale, token: string): Promise<OpenedLink | Response> {
  const link = await openDeliveryLink(db, info.shop, token);
  if (!link) return message(info, locale, 404, "storefront.download.invalid");
  if (link.state !== "open") return message(info, locale, 410, link.state === "expired" ? "storefront.download.expired" : "storefront.download.used_up");
  return link;
}

async function context(link: OpenedLink, locale: Locale, token: string): Promise<DownloadPageContext> {
  const settings = await loadDeskSettings(db, link.request.shop);
  return {
    locale,
    token,
    reference: link.request.reference,
    // Written as every storefront page writes dates (the status page, the policy): the shop's day.
    expires: formatCalendarDate(link.delivery.expiresAt!, locale, settingsTimeZone(settings)),
    left: link.delivery.maxDownloads - link.delivery.downloads,
  };
}

const isRequestCustomer = (info: ProxyRequestInfo, link: OpenedLink) =>
  Boolean(info.loggedInCustomerId && link.request.shopifyCustomerId && info.loggedInCustomerId === link.request.shopifyCustomerId);

const localeFor = (request: Request, link: OpenedLink | null, fields: Record<string, unknown> = {}): Locale =>
  typeof fields.locale === "string" || new URL(request.url).searchParams.has("locale") ? shopperLocale(request, fields) : link?.request.language === "en" ? "en" : "ja";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const link = await opened(info, localeFor(request, null), token);
  if (link instanceof Response) return link;
  const locale = localeFor(request, link);
  const ctx = await context(link, locale, token);
  if (isRequestCustomer(info, link)) return page(info.wantsJson, 200, downloadFormPage(ctx), { step: "download" });
  if (verifiedByLogin(link.request)) return page(info.wantsJson, info.loggedInCustomerId ? 403 : 200, downloadLoginPage(ctx, Boolean(info.loggedInCustomerId)), { step: "login" });
  return page(info.wantsJson, 200, downloadCodeOfferPage(ctx, maskedEmail(link.request.email)), { step: "code" });
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.appProxy(request);
  const info = proxyRequestInfo(request);
  const allowance = await proxyAllowance("verify", info);
  if (!allowance.allowed) return refusalAnswer(info.wantsJson, shopperLocale(request), TITLE, { status: 429, retryAfterSeconds: allowance.retryAfterSeconds });
  let fields: Record<string, unknown>;
  try {
    fields = parseBody(await readLimitedText(request, 2048), request.headers.get("content-type"));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refusalAnswer(info.wantsJson, shopperLocale(request), TITLE, { status: 413 });
  }
  const token = typeof fields.token === "string" ? fields.token : "";
  const link = await opened(info, localeFor(request, null, fields), token);
  if (link instanceof Response) return link;
  const locale = localeFor(request, link, fields);
  const ctxSettings = await loadDeskSettings(db, info.shop);
  const ctx = await context(link, locale, token);
  const email = maskedEmail(link.request.email);
  const t = (key: MessageKey) => translate(locale, key, { email, minutes: CODE_MINUTES });
  const byLogin = isRequestCustomer(info, link);
  // Honest about mail: without SMTP the code waits for staff to send it by hand.
  const codeWaiting = () => t(mailConfigured(ctxSettings) ? "storefront.download.code_sent" : "storefront.download.code_queued");

  if (fields.intent === "code") {
    if (byLogin) return page(info.wantsJson, 200, downloadFormPage(ctx), { step: "download" });
    if (verifiedByLogin(link.request)) return page(info.wantsJson, 403, downloadLoginPage(ctx, Boolean(info.loggedInCustomerId)), { step: "login" });
    const sent = await sendDeliveryCode(db, link);
    if (!sent.ok) {
      const status = sent.reason === "too_soon" ? 429 : 409;
      return page(info.wantsJson, status, downloadCodeEntryPage(ctx, t("storefront.download.code_too_soon")), { reason: sent.reason });
    }
    return page(info.wantsJson, 200, downloadCodeEntryPage(ctx, codeWaiting()), { step: "enter_code" });
  }

  if (fields.intent !== "download") return message(info, locale, 400, "storefront.download.invalid");
  const format = fields.format ?? "html";
  if (!isPackageFormat(format)) return message(info, locale, 400, "storefront.download.invalid");
  let via: "link_login" | "link_code" = "link_login";
  if (!byLogin) {
    if (verifiedByLogin(link.request)) return page(info.wantsJson, 403, downloadLoginPage(ctx, Boolean(info.loggedInCustomerId)), { step: "login" });
    const check = await checkDeliveryCode(db, link.delivery.id, typeof fields.code === "string" ? fields.code : "");
    if (check === "wrong") return page(info.wantsJson, 400, downloadCodeEntryPage(ctx, codeWaiting(), t("storefront.download.code_wrong")), { reason: "code_wrong" });
    if (check !== "ok") return page(info.wantsJson, 400, downloadCodeOfferPage(ctx, email, t("storefront.download.code_expired")), { reason: "code_expired" });
    via = "link_code";
  }
  const file = await deliverPackage(db, { shop: info.shop, requestId: link.request.id, format, language: locale, via });
  if (!file) return message(info, locale, 410, "storefront.download.used_up");
  return deliveredFileResponse(file);
}
