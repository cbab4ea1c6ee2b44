// The sandbox's stand-ins for the places issue 14 meets people: a customer's page in Shopify admin
// with the app's block and action, a logged-in customer's account with the Privacy page and the
// profile block, and the log of Shopify Flow triggers. The UI extensions run as built by Shopify
// CLI (extensions/*/dist), each in its own frame with the `shopify` global of its surface
// (sandbox/public/ui-host.js).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { escapeHtml } from "../tests/support/liquid";
import { layout } from "./pages";
import { sandboxText, type SandboxLanguage, type SandboxTextKey } from "./text";

export interface UiExtension {
  /** The folder under extensions/. */
  directory: string;
  handle: string;
  surface: "admin" | "account";
  targets: string[];
}

export const UI_EXTENSIONS: UiExtension[] = [
  { directory: "privacy-admin-block", handle: "privacy-desk-customer", surface: "admin", targets: ["admin.customer-details.block.render"] },
  { directory: "privacy-admin-action", handle: "privacy-desk-record-request", surface: "admin", targets: ["admin.customer-details.action.render"] },
  { directory: "privacy-account-page", handle: "privacy-desk-account", surface: "account", targets: ["customer-account.page.render"] },
  {
    directory: "privacy-account-link",
    handle: "privacy-desk-account-link",
    surface: "account",
    targets: ["customer-account.profile.block.render", "customer-account.order-status.block.render"],
  },
];

export const uiExtension = (handle: string) => UI_EXTENSIONS.find((extension) => extension.handle === handle);
export const bundlePath = (root: string, extension: UiExtension) => path.join(root, "extensions", extension.directory, "dist", `${extension.handle}.js`);

function newest(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((latest, entry) => Math.max(latest, newest(path.join(target, entry))), stat.mtimeMs);
}

/** Why the UI extensions' bundles need building (Shopify CLI's app build), or null. */
export function staleExtensionsReason(root: string): string | null {
  for (const extension of UI_EXTENSIONS) {
    const bundle = bundlePath(root, extension);
    if (!existsSync(bundle)) return `${path.relative(root, bundle)} is missing`;
    const builtAt = statSync(bundle).mtimeMs;
    for (const input of [path.join(root, "extensions", extension.directory, "src"), path.join(root, "extensions", extension.directory, "locales"), path.join(root, "extensions/shared")]) {
      if (newest(input) > builtAt) return `${path.relative(root, input)} changed since the last build`;
    }
  }
  return null;
}

export interface FrameConfig {
  frame: string;
  surface: "admin" | "account";
  target: string;
  handle: string;
  locale: SandboxLanguage;
  shop: string;
  customerId: string;
  /** The app URL the extension was built with (its fetches to it are served here). */
  appUrl: string;
}

/** The page one extension renders in: Shopify's part (ui-host.js), then the extension's bundle. */
export function uiFramePage(config: FrameConfig): string {
  const json = JSON.stringify({
    ...config,
    bundleUrl: `/sandbox/ui-extensions/${config.handle}.js`,
    localesUrl: `/sandbox/ui-extensions/${config.handle}/locales/${config.locale}.json`,
  }).replace(/</g, "\\u003c");
  const background = config.surface === "admin" && config.target.includes("block") ? "transparent" : config.surface === "admin" ? "#fff" : "transparent";
  return `<!doctype html>
<html lang="${config.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(config.handle)}</title>
<link rel="icon" href="data:,">
<style>html,body{margin:0;background:${background}}body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Hiragino Sans","Noto Sans JP","Yu Gothic",sans-serif;color:#303030}</style>
<script type="application/json" id="ui-host-config">${json}</script>
<script src="/sandbox/assets/ui-host.js" defer></script>
</head>
<body></body>
</html>`;
}

const frameUrl = (handle: string, target: string, language: SandboxLanguage, customerId: string | number, frame: string) =>
  `/sandbox/ui-frame?handle=${encodeURIComponent(handle)}&target=${encodeURIComponent(target)}&lang=${language}&customer=${encodeURIComponent(String(customerId))}&frame=${encodeURIComponent(frame)}`;

export interface SandboxCustomer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  createdAt: string;
  orders: number;
}

const fullName = (customer: SandboxCustomer, language: SandboxLanguage) =>
  (language === "ja" ? [customer.lastName, customer.firstName] : [customer.firstName, customer.lastName]).filter(Boolean).join(" ");

export function customerPage(options: { language: SandboxLanguage; shop: string; customers: SandboxCustomer[]; customer: SandboxCustomer }): string {
  const { language, customer } = options;
  const t = (key: SandboxTextKey, vars?: Record<string, string | number>) => escapeHtml(sandboxText(language, key, vars));
  const choices = options.customers
    .map((candidate) => `<option value="${candidate.id}"${candidate.id === customer.id ? " selected" : ""}>${escapeHtml(fullName(candidate, language))}</option>`)
    .join("");
  const since = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(new Date(customer.createdAt));
  const main = `<div class="sbx-page">
  <p class="sbx-note">${t("customersNote")}</p>
  <div class="sbx-customer__bar">
    <form method="get" action="/sandbox/customers"><input type="hidden" name="lang" value="${language}">
      <label>${t("customerList")} <select name="id" data-autosubmit>${choices}</select></label></form>
  </div>
  <div class="sbx-customer__head">
    <h1>${escapeHtml(fullName(customer, language))}</h1>
    <div class="sbx-menu">
      <button class="sbx-button" type="button" id="sbx-more" aria-haspopup="menu" aria-expanded="false">${t("moreActions")} ▾</button>
      <div class="sbx-menu__list" id="sbx-more-list" role="menu" hidden>
        <button type="button" role="menuitem" data-open-action="privacy-desk-record-request">${escapeHtml(language === "ja" ? "プライバシー請求を記録" : "Record a privacy request")}</button>
      </div>
    </div>
  </div>
  <p class="sbx-note">${t("customerSince", { date: since })}</p>
  <div class="sbx-customer">
    <section class="sbx-card">
      <h2>${t("customerDetails")}</h2>
      <p><strong>${escapeHtml(fullName(customer, language))}</strong></p>
      <h3>${t("contact")}</h3>
      <p>${escapeHtml(customer.email ?? sandboxText(language, "noEmail"))}<br>${escapeHtml(customer.phone ?? sandboxText(language, "noPhone"))}</p>
      <h3>${t("orders")}</h3>
      <p>${customer.orders}</p>
    </section>
    <div class="sbx-customer__side">
      <iframe class="sbx-extension" id="sbx-block" title="Privacy Desk" data-frame="block" src="${frameUrl("privacy-desk-customer", "admin.customer-details.block.render", language, customer.id, "block")}"></iframe>
    </div>
  </div>
  <div class="sbx-modal" id="sbx-modal" hidden>
    <div class="sbx-modal__panel" role="dialog" aria-modal="true" aria-label="${escapeHtml(language === "ja" ? "プライバシー請求を記録" : "Record a privacy request")}">
      <iframe class="sbx-extension" id="sbx-action" title="Privacy Desk" data-frame="action" data-src="${frameUrl("privacy-desk-record-request", "admin.customer-details.action.render", language, customer.id, "action")}"></iframe>
    </div>
  </div>
  <div class="sbx-toast" id="sbx-toast" role="status" hidden></div>
</div>`;
  return layout(language, "customers", sandboxText(language, "customersTitle"), main, `<script src="/sandbox/assets/surfaces.js" defer></script>`, options.shop);
}

export type AccountView = "privacy" | "profile" | "orders";

export function accountPage(options: { language: SandboxLanguage; shop: string; customers: SandboxCustomer[]; customer: SandboxCustomer; view: AccountView }): string {
  const { language, customer, view } = options;
  const t = (key: SandboxTextKey) => escapeHtml(sandboxText(language, key));
  const choices = options.customers
    .map((candidate) => `<option value="${candidate.id}"${candidate.id === customer.id ? " selected" : ""}>${escapeHtml(fullName(candidate, language))}</option>`)
    .join("");
  const tab = (name: AccountView, key: SandboxTextKey) =>
    `<a href="/sandbox/account?view=${name}&lang=${language}"${view === name ? ' aria-current="page"' : ""}>${t(key)}</a>`;
  const content =
    view === "privacy"
      ? `<iframe class="sbx-extension" id="sbx-page" title="${t("accountPrivacy")}" data-frame="page" src="${frameUrl("privacy-desk-account", "customer-account.page.render", language, customer.id, "page")}"></iframe>`
      : view === "profile"
        ? `<h1>${t("accountProfileHeading")}</h1>
           <section class="sbx-card"><dl class="sbx-facts"><dt>${t("accountName")}</dt><dd>${escapeHtml(fullName(customer, language))}</dd><dt>${t("accountEmail")}</dt><dd>${escapeHtml(customer.email ?? sandboxText(language, "noEmail"))}</dd></dl></section>
           <iframe class="sbx-extension" id="sbx-link" title="${t("accountPrivacy")}" data-frame="link" src="${frameUrl("privacy-desk-account-link", "customer-account.profile.block.render", language, customer.id, "link")}"></iframe>`
        : `<h1>${t("accountOrders")}</h1><p class="sbx-note">${t("accountOrdersNote")}</p>`;
  const main = `<div class="sbx-page">
  <p class="sbx-note">${t("accountNote")}</p>
  <form class="sbx-customer__bar" method="get" action="/sandbox/account"><input type="hidden" name="lang" value="${language}"><input type="hidden" name="view" value="${view}">
    <label>${t("accountSignedInAs")} <select name="as" data-autosubmit>${choices}</select></label></form>
  <div class="sbx-account" lang="${language}">
    <header class="sbx-account__header"><strong>${escapeHtml(sandboxText(language, "storeName"))}</strong>
      <nav aria-label="account">${tab("orders", "accountOrders")}${tab("profile", "accountProfile")}${tab("privacy", "accountPrivacy")}</nav></header>
    <main class="sbx-account__main">${content}</main>
  </div>
  <div class="sbx-toast" id="sbx-toast" role="status" hidden></div>
</div>`;
  return layout(language, "account", sandboxText(language, "tabAccount"), main, `<script src="/sandbox/assets/surfaces.js" defer></script>`, options.shop);
}

export interface FlowLogRow {
  trigger: string;
  handle: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  payload: Record<string, unknown>;
}

const STATUS_KEYS: Record<string, SandboxTextKey> = {
  pending: "flowStatusPending",
  sending: "flowStatusSending",
  sent: "flowStatusSent",
  failed: "flowStatusFailed",
  skipped: "flowStatusSkipped",
};

export function flowLogPage(options: {
  language: SandboxLanguage;
  shop: string;
  enabled: boolean;
  rows: FlowLogRow[];
  received: Array<{ handle: string; payload: Record<string, unknown>; receivedAt: string }>;
}): string {
  const { language } = options;
  const t = (key: SandboxTextKey) => escapeHtml(sandboxText(language, key));
  const when = (date: Date | string | null) => (date ? new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Tokyo" }).format(new Date(date)) : "—");
  const payload = (value: Record<string, unknown>) =>
    `<details><summary>${escapeHtml(String(value.Reference ?? ""))} · ${escapeHtml(String(value["Request type"] ?? ""))}</summary><pre class="sbx-code">${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;
  const rows = options.rows
    .map(
      (row) => `<tr>
  <td data-label="${t("flowTrigger")}"><strong>${escapeHtml(row.handle)}</strong></td>
  <td data-label="${t("flowStatus")}"><span class="sbx-status sbx-status--${escapeHtml(row.status)}">${t(STATUS_KEYS[row.status] ?? "flowStatusPending")}</span>${row.lastError ? `<br><small>${escapeHtml(row.lastError)}</small>` : ""}</td>
  <td data-label="${t("flowAttempts")}">${row.attempts}</td><td data-label="${t("flowCreated")}">${when(row.createdAt)}</td><td data-label="${t("flowSent")}">${when(row.sentAt)}</td><td data-label="${t("flowPayload")}">${payload(row.payload)}</td></tr>`,
    )
    .join("");
  const received = options.received
    .slice()
    .reverse()
    .map(
      (trigger) =>
        `<tr><td data-label="${t("flowReceivedAt")}">${when(trigger.receivedAt)}</td><td data-label="${t("flowTrigger")}"><strong>${escapeHtml(trigger.handle)}</strong></td><td data-label="${t("flowReference")}">${escapeHtml(String(trigger.payload.Reference ?? ""))}</td><td data-label="${t("flowType")}">${escapeHtml(String(trigger.payload["Request type"] ?? ""))}</td><td data-label="${t("flowRequestStatus")}">${escapeHtml(String(trigger.payload["Request status"] ?? ""))}</td><td data-label="${t("flowCustomer")}">${escapeHtml(String(trigger.payload.customer_id ?? "—"))}</td></tr>`,
    )
    .join("");
  const main = `<div class="sbx-page">
  <div class="sbx-customer__head"><h1>${t("flowTitle")}</h1><a class="sbx-button" href="/sandbox/flow?lang=${language}">${t("reload")}</a></div>
  <p class="sbx-note">${t("flowNote")}</p>
  ${options.enabled ? "" : `<p class="sbx-warning">${t("flowSwitchOff")}</p>`}
  <section class="sbx-card">
  ${
    options.rows.length
      ? `<div class="sbx-table-wrap"><table class="sbx-table" id="sbx-flow-log"><thead><tr><th>${t("flowTrigger")}</th><th>${t("flowStatus")}</th><th>${t("flowAttempts")}</th><th>${t("flowCreated")}</th><th>${t("flowSent")}</th><th>${t("flowPayload")}</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : `<p>${t("flowEmpty")}</p>`
  }
  </section>
  <section class="sbx-card"><h2>${t("flowReceived")}</h2>${received ? `<div class="sbx-table-wrap"><table class="sbx-table" id="sbx-flow-received"><thead><tr><th>${t("flowReceivedAt")}</th><th>${t("flowTrigger")}</th><th>${t("flowReference")}</th><th>${t("flowType")}</th><th>${t("flowRequestStatus")}</th><th>${t("flowCustomer")}</th></tr></thead><tbody>${received}</tbody></table></div>` : `<p>${t("flowEmpty")}</p>`}</section>
</div>`;
  return layout(language, "flow", sandboxText(language, "flowTitle"), main, "", options.shop);
}
