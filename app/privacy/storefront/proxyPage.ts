// Pages the app answers no-JS shoppers with. Shopify renders an application/liquid answer inside
// the shop's theme, so everything a person typed must be neutral both as HTML and as Liquid:
// braces are escaped too, or "{{ shop.email }}" in a message would be evaluated by Shopify.
import { translate, type Locale, type MessageKey } from "../../i18n";
import type { ShopperRequestStatus } from "./requestStatus";
import { DEFAULT_SHOP_TIME_ZONE } from "../shopTime";

export function escapeForProxy(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'{}%]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const page = (locale: Locale, body: string) => `<div class="pd-proxy-page page-width" lang="${locale}">${body}</div>`;

export function receivedPage(locale: Locale, reference: string, statusToken: string | null = null): string {
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  const ref = escapeForProxy(reference);
  // The token's link when this answer created the request; otherwise the look-up form.
  const statusHref = statusToken
    ? `/apps/privacy/requests/status?token=${encodeURIComponent(statusToken)}&amp;locale=${locale}`
    : `/apps/privacy/requests/status?reference=${encodeURIComponent(reference)}&amp;locale=${locale}`;
  return page(
    locale,
    `<h1>${t("storefront.received.title")}</h1>
<p>${t("storefront.received.body")}</p>
<p>${t("storefront.field.reference")}: <strong data-pd-reference>${ref}</strong></p>
<p><a href="${statusHref}" data-pd-status-link>${t("storefront.received.status_link")}</a>${statusToken ? `<br>${t("storefront.received.status_link_note")}` : ""}</p>`,
  );
}

/** Field errors as a list; `back` is a same-site path to return to the form. */
export function invalidPage(locale: Locale, errors: Array<{ label: string; message: string }>, back: string): string {
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  const items = errors.map((e) => `<li>${escapeForProxy(e.label)}: ${escapeForProxy(e.message)}</li>`).join("");
  return page(
    locale,
    `<h1>${t("storefront.invalid.title")}</h1>
<div role="alert"><p>${t("storefront.error.summary")}</p><ul>${items}</ul></div>
<p><a href="${escapeForProxy(back)}">${t("storefront.invalid.back")}</a></p>`,
  );
}

export function messagePage(locale: Locale, title: MessageKey, message: string): string {
  return page(locale, `<h1>${escapeForProxy(translate(locale, title))}</h1><p role="alert">${escapeForProxy(message)}</p>`);
}

/** A date on the shop's calendar, the way the person's language writes it. */
function formatDate(locale: Locale, date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeZone }).format(date);
}

export function statusPage(
  locale: Locale,
  options: { reference?: string; email?: string; result?: ShopperRequestStatus | "not_found"; timeZone?: string },
): string {
  const timeZone = options.timeZone ?? DEFAULT_SHOP_TIME_ZONE;
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  let result = "";
  if (options.result === "not_found") {
    result = `<p role="alert">${t("storefront.status.not_found")}</p>`;
  } else if (options.result) {
    const r = options.result;
    result = `<section role="status" data-pd-status="${escapeForProxy(r.status)}">
<dl>
<dt>${t("storefront.field.reference")}</dt><dd>${escapeForProxy(r.reference)}</dd>
<dt>${t("storefront.status.current")}</dt><dd>${t(`storefront.status.${r.status}` as MessageKey)}</dd>
<dt>${t("storefront.status.received_at")}</dt><dd>${escapeForProxy(formatDate(locale, r.receivedAt, timeZone))}</dd>
<dt>${t("storefront.status.due_at")}</dt><dd>${escapeForProxy(formatDate(locale, r.dueAt, timeZone))}</dd>
<dt>${t("storefront.status.next")}</dt><dd>${t(`storefront.next.${r.nextStep}` as MessageKey)}</dd>
</dl></section>`;
  }
  return page(
    locale,
    `<h1>${t("storefront.status.title")}</h1>
${result}
<form method="post" action="/apps/privacy/requests/status">
<input type="hidden" name="locale" value="${locale}">
<p>${t("storefront.status.intro")}</p>
<p><label for="pd-status-reference">${t("storefront.field.reference")}</label><br>
<input id="pd-status-reference" name="reference" required maxlength="40" value="${escapeForProxy(options.reference ?? "")}"></p>
<p><label for="pd-status-email">${t("storefront.field.email")}</label><br>
<input id="pd-status-email" name="email" type="email" required maxlength="254" autocomplete="email" value="${escapeForProxy(options.email ?? "")}"></p>
<p><button type="submit" class="button">${t("storefront.status.submit")}</button></p>
</form>`,
  );
}

/** The page an identity-confirmation link opens: a button, so that mail scanners that follow
 * links cannot use up the single-use token by merely fetching it. */
export function verifyPage(locale: Locale, token: string): string {
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  return page(
    locale,
    `<h1>${t("storefront.verify.title")}</h1>
<p>${t("storefront.verify.intro")}</p>
<form method="post" action="/apps/privacy/verify">
<input type="hidden" name="token" value="${escapeForProxy(token)}">
<input type="hidden" name="locale" value="${locale}">
<button type="submit" class="button">${t("storefront.verify.button")}</button>
</form>`,
  );
}
