// Pages the app answers no-JS shoppers with. Shopify renders an application/liquid answer inside
// the shop's theme, so everything a person typed must be neutral both as HTML and as Liquid:
// braces are escaped too, or "{{ shop.email }}" in a message would be evaluated by Shopify.
import { translate, type Locale, type MessageKey } from "../../i18n";
import type { ShopperRequestStatus } from "./requestStatus";
import { DEFAULT_SHOP_TIME_ZONE } from "../shopTime";
import { formatCalendarDate } from "../calendarDate";

export function escapeForProxy(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'{}%]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The pages sit in the theme's own layout and container (`page-width`, as in Dawn and its
// siblings), so they take its fonts, colours and buttons (`button`). Sizes are in em (Dawn's root
// is 10px); fields use the shape settings such themes publish (--inputs-*, --color-foreground as
// "r,g,b"), and where a theme has none an undefined var() leaves the colour at its initial value,
// the text's own. The fallback for buttons has no specificity, so the theme's rule wins.
const STYLE = `<style>
.pd-proxy{max-width:40em;margin:0 auto;padding:2em 0 3em}
.pd-proxy h1{margin:0 0 .75em}
.pd-proxy :is(h1,h2){word-break:auto-phrase;text-wrap:balance}
.pd-proxy p{margin:0 0 1em}
.pd-proxy__form{display:grid;gap:1.25em;margin:1.5em 0 0}
.pd-proxy__form p{margin:0}
.pd-proxy__field{display:grid;gap:.35em}
.pd-proxy label{color:rgb(var(--color-foreground))}
.pd-proxy input:not([type=hidden],[type=radio],[type=checkbox]){box-sizing:border-box;width:100%;min-height:3em;margin:0;padding:.6em 1em;font:inherit;letter-spacing:inherit;color:rgb(var(--color-foreground));background:transparent;border:var(--inputs-border-width,1px) solid;border-color:rgba(var(--color-foreground),var(--inputs-border-opacity,.55));border-radius:var(--inputs-radius,0)}
.pd-proxy input:focus-visible{outline:2px solid;outline-color:rgba(var(--color-foreground),.5);outline-offset:2px}
.pd-proxy input[type=radio]{accent-color:rgb(var(--color-button))}
.pd-proxy input[aria-invalid=true]{border-color:#b3261e}
:where(.pd-proxy) :where(.button){font:inherit;min-height:3em;padding:.6em 2em;cursor:pointer}
.pd-proxy__error{color:#b3261e}
.pd-proxy__card{margin:0 0 1.5em;padding:1.5em;border:var(--inputs-border-width,1px) solid;border-color:rgba(var(--color-foreground),.15);border-radius:var(--inputs-radius,0)}
.pd-proxy__card h2{font-size:1em;margin:1.25em 0 .25em}
.pd-proxy__label{display:block;font-size:.875em;opacity:.75}
.pd-proxy__reference{display:block;font-size:1.5em;letter-spacing:.05em;color:rgb(var(--color-foreground))}
.pd-proxy__note{font-size:.875em;opacity:.75}
.pd-proxy__card>:last-child{margin-bottom:0}
.pd-proxy__status{display:inline-block;margin-top:.25em;padding:.15em .9em;border-radius:999px;border:1px solid;border-color:rgba(var(--color-foreground),.25);background:rgba(var(--color-foreground),.06);color:rgb(var(--color-foreground));font-size:1.125em}
.pd-proxy__facts{display:grid;grid-template-columns:max-content 1fr;gap:.5em 1.5em;margin:1.25em 0 0;padding-top:1.25em;border-top:1px solid;border-top-color:rgba(var(--color-foreground),.1)}
.pd-proxy__facts dt{opacity:.75}
.pd-proxy__facts dd{margin:0;color:rgb(var(--color-foreground))}
@media (max-width:30em){.pd-proxy__facts{grid-template-columns:1fr;gap:0}.pd-proxy__facts dd{margin-bottom:.75em}}
</style>`;

/** One App Proxy page: the theme's container, the shared style, the page's own style if any. */
export const proxyPage = (locale: Locale, body: string, style = "") =>
  `<div class="page-width">${STYLE}${style}<div class="pd-proxy" lang="${locale}">${body}</div></div>`;
const page = proxyPage;

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
<section class="pd-proxy__card">
<p>${t("storefront.received.body")}</p>
<p><span class="pd-proxy__label">${t("storefront.field.reference")}</span><strong class="pd-proxy__reference" data-pd-reference>${ref}</strong></p>
<p><a class="button button--secondary" href="${statusHref}" data-pd-status-link>${t("storefront.received.status_link")}</a></p>
${statusToken ? `<p class="pd-proxy__note">${t("storefront.received.status_link_note")}</p>` : ""}
</section>`,
  );
}

/** Field errors as a list; `back` is a same-site path to return to the form. */
export function invalidPage(locale: Locale, errors: Array<{ label: string; message: string }>, back: string): string {
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  const items = errors.map((e) => `<li>${escapeForProxy(e.label)}: ${escapeForProxy(e.message)}</li>`).join("");
  return page(
    locale,
    `<h1>${t("storefront.invalid.title")}</h1>
<div class="pd-proxy__error" role="alert"><p>${t("storefront.error.summary")}</p><ul>${items}</ul></div>
<p><a class="button" href="${escapeForProxy(back)}">${t("storefront.invalid.back")}</a></p>`,
  );
}

/** A page of one message: an outcome (`tone: "info"`, the default for successes) or a refusal. */
export function messagePage(locale: Locale, title: MessageKey, message: string, tone: "error" | "info" = "error"): string {
  const line = tone === "error" ? `<p class="pd-proxy__error" role="alert">` : `<p role="status">`;
  return page(locale, `<h1>${escapeForProxy(translate(locale, title))}</h1>${line}${escapeForProxy(message)}</p>`);
}

/**
 * The status page: one request's status, or the look-up form (with the message when nothing
 * matched). A found request is the whole page, with a link to look up another.
 */
export function statusPage(
  locale: Locale,
  options: { reference?: string; email?: string; result?: ShopperRequestStatus | "not_found"; timeZone?: string },
): string {
  const timeZone = options.timeZone ?? DEFAULT_SHOP_TIME_ZONE;
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  const title = `<h1>${t("storefront.status.title")}</h1>`;
  if (options.result && options.result !== "not_found") {
    const r = options.result;
    const date = (value: Date) => escapeForProxy(formatCalendarDate(value, locale, timeZone));
    return page(
      locale,
      `${title}
<section class="pd-proxy__card" aria-labelledby="pd-status-current" data-pd-status="${escapeForProxy(r.status)}">
<p><span class="pd-proxy__label">${t("storefront.status.current")}</span><strong class="pd-proxy__status" id="pd-status-current">${t(`storefront.status.${r.status}` as MessageKey)}</strong></p>
<h2>${t("storefront.status.next")}</h2>
<p>${t(`storefront.next.${r.nextStep}` as MessageKey)}</p>
<dl class="pd-proxy__facts">
<dt>${t("storefront.field.reference")}</dt><dd data-pd-reference>${escapeForProxy(r.reference)}</dd>
<dt>${t("storefront.field.type")}</dt><dd>${t(`storefront.type.${r.type}` as MessageKey)}</dd>
<dt>${t("storefront.status.received_at")}</dt><dd>${date(r.receivedAt)}</dd>
<dt>${t("storefront.status.due_at")}</dt><dd>${date(r.dueAt)}</dd>
</dl>
</section>
<p><a href="/apps/privacy/requests/status?locale=${locale}">${t("storefront.status.another")}</a></p>`,
    );
  }
  const missed = options.result === "not_found" ? `<p class="pd-proxy__error" role="alert">${t("storefront.status.not_found")}</p>` : "";
  return page(
    locale,
    `${title}
${missed}
<p>${t("storefront.status.intro")}</p>
<form class="pd-proxy__form" method="post" action="/apps/privacy/requests/status">
<input type="hidden" name="locale" value="${locale}">
<p class="pd-proxy__field"><label for="pd-status-reference">${t("storefront.field.reference")}</label>
<input id="pd-status-reference" name="reference" required maxlength="40" autocomplete="off" value="${escapeForProxy(options.reference ?? "")}"></p>
<p class="pd-proxy__field"><label for="pd-status-email">${t("storefront.field.email")}</label>
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
<form class="pd-proxy__form" method="post" action="/apps/privacy/verify">
<input type="hidden" name="token" value="${escapeForProxy(token)}">
<input type="hidden" name="locale" value="${locale}">
<button type="submit" class="button">${t("storefront.verify.button")}</button>
</form>`,
  );
}
