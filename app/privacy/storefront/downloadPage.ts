// The storefront pages of a disclosure's download link (/apps/privacy/download): Liquid pages
// Shopify renders inside the theme, every value neutral as HTML and as Liquid (escapeForProxy).
// Downloads are POST forms, so a mail scanner that follows the link uses up nothing.
import { pluralKey, translate, type Locale, type MessageKey } from "../../i18n";
import { PACKAGE_FORMATS } from "../disclosure/delivery";
import { escapeForProxy, proxyPage } from "./proxyPage";

// One choice per line and a code field wide enough for six digits, whatever the theme does to inputs.
const STYLE = "<style>.pd-download-formats{border:0;padding:0;margin:0}.pd-download-formats legend{font-weight:600;padding:0;margin-bottom:.25em;color:rgb(var(--color-foreground))}.pd-download-format{display:flex;gap:.6em;align-items:center;margin:.35em 0}.pd-download-format input{margin:0}#pd-download-code{max-width:12em;letter-spacing:.2em}.pd-download-keep{white-space:nowrap}</style>";
const page = (locale: Locale, body: string) => proxyPage(locale, body, STYLE);
const ACTION = "/apps/privacy/download";

export interface DownloadPageContext {
  locale: Locale;
  token: string;
  reference: string;
  /** The expiry as the person reads it, on the shop's calendar. */
  expires: string;
  left: number;
}

function hidden(context: DownloadPageContext, intent: string) {
  return `<input type="hidden" name="token" value="${escapeForProxy(context.token)}"><input type="hidden" name="locale" value="${context.locale}"><input type="hidden" name="intent" value="${intent}">`;
}

function formatChoice(locale: Locale) {
  const t = (key: MessageKey) => escapeForProxy(translate(locale, key));
  const options = PACKAGE_FORMATS.map(
    (format, index) =>
      `<label class="pd-download-format"><input type="radio" name="format" value="${format}"${index === 0 ? " checked" : ""}> ${t(`storefront.download.format_${format}` as MessageKey)}</label>`,
  ).join("");
  return `<fieldset class="pd-download-formats"><legend>${t("storefront.download.format")}</legend>${options}</fieldset>`;
}

function header(context: DownloadPageContext) {
  const { locale } = context;
  const intro = translate(locale, pluralKey(locale, "storefront.download.intro", context.left), { reference: context.reference, expires: context.expires, left: context.left });
  // The reference and the date are not broken across lines (PD-2026- / 00002 at 390 px).
  const kept = (text: string, value: string) => text.replace(escapeForProxy(value), `<span class="pd-download-keep">${escapeForProxy(value)}</span>`);
  return `<h1>${escapeForProxy(translate(locale, "storefront.download.title"))}</h1><p>${kept(kept(escapeForProxy(intro), context.reference), context.expires)}</p>`;
}

/** Identity confirmed (the request's customer is logged in): the download form itself. */
export function downloadFormPage(context: DownloadPageContext): string {
  const t = (key: MessageKey) => escapeForProxy(translate(context.locale, key));
  return page(
    context.locale,
    `${header(context)}
<form method="post" action="${ACTION}" class="pd-proxy__form pd-download-form">${hidden(context, "download")}${formatChoice(context.locale)}
<p><button type="submit" class="button">${t("storefront.download.button")}</button></p></form>`,
  );
}

/** Verified by logging in: ask for that login (Shopify sends the person back here afterwards). */
export function downloadLoginPage(context: DownloadPageContext, wrongCustomer: boolean): string {
  const t = (key: MessageKey) => escapeForProxy(translate(context.locale, key));
  const back = `${ACTION}?token=${encodeURIComponent(context.token)}&locale=${context.locale}`;
  return page(
    context.locale,
    `${header(context)}
<p${wrongCustomer ? ' class="pd-proxy__error" role="alert"' : ""}>${t(wrongCustomer ? "storefront.download.wrong_customer" : "storefront.download.login")}</p>
<p><a class="button" href="/account/login?return_url=${escapeForProxy(encodeURIComponent(back))}">${t("storefront.download.login_button")}</a></p>`,
  );
}

/** Verified by email: offer to mail a code. */
export function downloadCodeOfferPage(context: DownloadPageContext, email: string, notice?: string): string {
  const t = (key: MessageKey) => escapeForProxy(translate(context.locale, key));
  return page(
    context.locale,
    `${header(context)}
${notice ? `<p class="pd-proxy__error" role="alert">${escapeForProxy(notice)}</p>` : ""}
<p>${escapeForProxy(translate(context.locale, "storefront.download.code_intro", { email }))}</p>
<form method="post" action="${ACTION}" class="pd-proxy__form">${hidden(context, "code")}<p><button type="submit" class="button">${t("storefront.download.code_button")}</button></p></form>`,
  );
}

/** A code is on its way (or was asked for): the code and the format, then the file. */
export function downloadCodeEntryPage(context: DownloadPageContext, message: string, error?: string): string {
  const t = (key: MessageKey) => escapeForProxy(translate(context.locale, key));
  return page(
    context.locale,
    `${header(context)}
<p role="status">${escapeForProxy(message)}</p>
<form method="post" action="${ACTION}" class="pd-proxy__form pd-download-form">${hidden(context, "download")}
<p class="pd-proxy__field"><label for="pd-download-code">${t("storefront.download.code_label")}</label>
<input id="pd-download-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9０-９ ]{6,8}" maxlength="8" required${error ? ' aria-invalid="true" aria-describedby="pd-download-code-error"' : ""}></p>
${error ? `<p id="pd-download-code-error" class="pd-proxy__error" role="alert">${escapeForProxy(error)}</p>` : ""}
${formatChoice(context.locale)}
<p><button type="submit" class="button">${t("storefront.download.button")}</button></p></form>`,
  );
}
