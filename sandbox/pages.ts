// The sandbox's HTML pages: the admin stand-in (the app in an iframe with a sidebar fed by the
// App Bridge stub), the storefront stand-in (the theme extension's blocks) and the webhook console.
import { escapeHtml } from "../tests/support/liquid";
import { themeStyle } from "../tests/support/themeStandIn";
import { sandboxText, type SandboxLanguage, type SandboxTextKey } from "./text";

export type SandboxTab = "admin" | "customers" | "account" | "storefront" | "webhooks" | "flow";

export interface CustomerChoice {
  id: number;
  label: string;
}

export function layout(language: SandboxLanguage, tab: SandboxTab, title: string, main: string, scripts: string, shop: string): string {
  const t = (key: SandboxTextKey) => escapeHtml(sandboxText(language, key));
  const tabLink = (name: SandboxTab, href: string, key: SandboxTextKey) =>
    `<a class="sbx-tab${tab === name ? " sbx-tab--current" : ""}" href="${href}?lang=${language}"${tab === name ? ' aria-current="page"' : ""}>${t(key)}</a>`;
  const languageLink = (code: SandboxLanguage, label: string) =>
    code === language ? `<span aria-current="true">${label}</span>` : `<a href="?lang=${code}" hreflang="${code}">${label}</a>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${t("brand")}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sandbox/assets/sandbox.css">
</head>
<body class="sbx sbx--${tab}">
<header class="sbx-topbar">
  <a class="sbx-brand" href="/sandbox?lang=${language}" aria-label="${t("brand")}"><span class="sbx-logo" aria-hidden="true">PD</span><span class="sbx-brand__name">${t("brand")}</span></a>
  <nav class="sbx-tabs" aria-label="sandbox">
    ${tabLink("admin", "/sandbox", "tabAdmin")}
    ${tabLink("customers", "/sandbox/customers", "tabCustomers")}
    ${tabLink("storefront", "/sandbox/storefront", "tabStorefront")}
    ${tabLink("account", "/sandbox/account", "tabAccount")}
    ${tabLink("webhooks", "/sandbox/webhooks", "tabWebhooks")}
    ${tabLink("flow", "/sandbox/flow", "tabFlow")}
  </nav>
  <span class="sbx-shop" title="${escapeHtml(shop)}">${escapeHtml(shop)}</span>
  <span class="sbx-lang">${languageLink("ja", "日本語")} | ${languageLink("en", "English")}</span>
</header>
${main}
${scripts}
</body>
</html>`;
}

export function adminPage(options: { language: SandboxLanguage; shop: string; frameSrc: string }): string {
  const { language } = options;
  const t = (key: SandboxTextKey) => escapeHtml(sandboxText(language, key));
  const main = `<div class="sbx-admin">
  <aside class="sbx-sidebar">
    <p class="sbx-sidebar__heading">${t("appsHeading")}</p>
    <p class="sbx-sidebar__app"><span class="sbx-logo sbx-logo--small" aria-hidden="true">PD</span>Privacy Desk</p>
    <nav id="sbx-nav" class="sbx-nav" aria-label="Privacy Desk"><p class="sbx-nav__loading">${t("navLoading")}</p></nav>
    <div class="sbx-sidebar__foot">
      <p class="sbx-note">${t("adminNote")}</p>
      <form method="post" action="/sandbox/reset?lang=${language}"><button class="sbx-button sbx-button--plain" type="submit">${t("reset")}</button></form>
    </div>
  </aside>
  <main class="sbx-main">
    <div class="sbx-location"><span id="sbx-crumbs" class="sbx-location__crumbs"></span><span id="sbx-title" class="sbx-location__title">Privacy Desk</span><code id="sbx-path" class="sbx-location__path"></code><span id="sbx-actions" class="sbx-location__actions"></span></div>
    <iframe id="sbx-app" class="sbx-frame" title="Privacy Desk" src="${escapeHtml(options.frameSrc)}"></iframe>
  </main>
</div>`;
  return layout(language, "admin", sandboxText(language, "tabAdmin"), main, `<script src="/sandbox/assets/admin.js" defer></script>`, options.shop);
}

/** Where the demo shop asks for cookie consent (a Shopify admin setting on a real shop): the EEA, the UK and Switzerland. */
export const CONSENT_REGIONS = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
  "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB", "CH",
];

/** The visitor regions the storefront toolbar offers; the first is the default, so a newcomer sees the banner. */
export const STOREFRONT_REGIONS: Array<{ code: string; label: SandboxTextKey }> = [
  { code: "DE", label: "regionEu" },
  { code: "JP", label: "regionJapan" },
];

export function storefrontRegion(value: string | null | undefined): string {
  return STOREFRONT_REGIONS.find((region) => region.code === value)?.code ?? STOREFRONT_REGIONS[0].code;
}

export interface StorefrontPageOptions {
  language: SandboxLanguage;
  shop: string;
  customers: CustomerChoice[];
  loggedInCustomerId: string;
  /** The visitor's region for the Customer Privacy API stand-in (see STOREFRONT_REGIONS). */
  region: string;
  policyNote: string;
  /** Rendered blocks, in page order, each already wrapped as Shopify wraps app blocks. */
  blocks: Array<{ html: string; headTags: string; scriptTags: string }>;
  /** An App Proxy answer (application/liquid) shown as the page body instead of the blocks. */
  proxyAnswer?: string;
}

export function storefrontPage(options: StorefrontPageOptions): string {
  const { language } = options;
  const t = (key: SandboxTextKey) => escapeHtml(sandboxText(language, key));
  const customerOptions = [`<option value="">${t("guest")}</option>`]
    .concat(
      options.customers.map(
        (customer) =>
          `<option value="${customer.id}"${String(customer.id) === options.loggedInCustomerId ? " selected" : ""}>${escapeHtml(customer.label)}</option>`,
      ),
    )
    .join("");
  const regionOptions = STOREFRONT_REGIONS.map(
    (region) => `<option value="${region.code}"${region.code === options.region ? " selected" : ""}>${t(region.label)}</option>`,
  ).join("");
  const head = options.blocks.map((block) => block.headTags).join("\n");
  const scripts = options.blocks.map((block) => block.scriptTags).join("\n");
  const content =
    options.proxyAnswer ?? options.blocks.map((block) => `<section class="sbx-store__section">${block.html}</section>`).join("\n");
  const main = `<div class="sbx-storebar">
  <p class="sbx-note">${t("storefrontNote")}</p>
  <form class="sbx-storebar__form" method="get" action="/sandbox/storefront">
    <input type="hidden" name="lang" value="${language}">
    <label>${t("loggedInAs")} <select name="as" data-autosubmit>${customerOptions}</select></label>
    <noscript><button class="sbx-button" type="submit">OK</button></noscript>
  </form>
  <form class="sbx-storebar__form" method="get" action="/sandbox/storefront">
    <input type="hidden" name="lang" value="${language}">
    <label>${t("visitorRegion")} <select name="region" data-autosubmit>${regionOptions}</select></label>
    <noscript><button class="sbx-button" type="submit">OK</button></noscript>
    <button class="sbx-button sbx-button--plain" type="submit" name="consent" value="reset">${t("resetConsent")}</button>
  </form>
</div>
<div class="sbx-store" lang="${language}">
  ${themeStyle(".sbx-store")}
  <header class="sbx-store__header"><a href="/sandbox/storefront?lang=${language}"><strong>${t("storeName")}</strong></a><span>${t("storeTagline")}</span></header>
  <p class="sbx-store__note">${escapeHtml(options.policyNote)}</p>
  ${head}
  ${content}
  <footer class="sbx-store__footer">© ${t("storeName")} · <a href="#privacy-desk-consent">${t("cookieSettings")}</a></footer>
</div>`;
  return layout(
    language,
    "storefront",
    sandboxText(language, "tabStorefront"),
    main,
    // Shopify's Customer Privacy API comes first, as on a real store; deferred scripts run in order.
    `<script src="/sandbox/assets/customer-privacy.js" data-region="${options.region}" data-consent-regions="${CONSENT_REGIONS.join(",")}" defer></script>\n${scripts}\n<script src="/sandbox/assets/storefront.js" defer></script>`,
    options.shop,
  );
}

export function webhooksPage(options: { language: SandboxLanguage; shop: string; topics: string[]; customers: CustomerChoice[] }): string {
  const { language } = options;
  const t = (key: SandboxTextKey) => escapeHtml(sandboxText(language, key));
  const topicOptions = options.topics.map((topic) => `<option value="${escapeHtml(topic)}">${escapeHtml(topic)}</option>`).join("");
  const customerOptions = options.customers
    .map((customer) => `<option value="${customer.id}">${escapeHtml(customer.label)}</option>`)
    .join("");
  const main = `<main class="sbx-page">
  <h1>${t("webhooksTitle")}</h1>
  <p class="sbx-note">${t("webhooksNote")}</p>
  <p class="sbx-warning">${t("destructive")}</p>
  <form id="sbx-webhook" class="sbx-card sbx-webhook">
    <div class="sbx-row">
      <label>${t("topic")}<select name="topic">${topicOptions}</select></label>
      <label>${t("customer")}<select name="customer">${customerOptions}</select></label>
    </div>
    <label>${t("payload")}<textarea name="payload" rows="12" spellcheck="false"></textarea></label>
    <div class="sbx-row sbx-row--end">
      <a class="sbx-button sbx-button--plain" href="/sandbox?lang=${language}">${t("openAdmin")}</a>
      <button class="sbx-button sbx-button--primary" type="submit" data-sending="${t("sending")}">${t("send")}</button>
    </div>
  </form>
  <section class="sbx-card" aria-live="polite">
    <h2>${t("answer")}</h2>
    <pre id="sbx-answer" class="sbx-answer">${t("noAnswer")}</pre>
  </section>
  <form method="post" action="/sandbox/reset?lang=${language}&amp;back=webhooks"><button class="sbx-button sbx-button--plain" type="submit">${t("reset")}</button></form>
</main>`;
  return layout(language, "webhooks", sandboxText(language, "tabWebhooks"), main, `<script src="/sandbox/assets/webhooks.js" defer></script>`, options.shop);
}
