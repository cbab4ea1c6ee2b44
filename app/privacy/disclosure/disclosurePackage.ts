// The disclosure package handed to the person: what Shopify holds (profile, addresses, consent,
// orders) and what the app itself holds, as JSON, as a long CSV and as a printable page in the
// person's language that also states how they chose to receive it.
import { collectCustomerData, type CustomerDataExport } from "../customerDataExport";
import { CSV_BOM, csvLine } from "../csv";
import { escapeHtml } from "../mail/templates";
import type { Db } from "../../db.factory";
import type { Address, ShopifyCustomerData } from "./shopifyCustomerData";

export interface DisclosurePackage {
  reference: string;
  shop: string;
  businessName: string;
  language: "ja" | "en";
  deliveryMethod: string;
  generatedAt: string;
  /** null when Shopify holds no customer record for the person. */
  shopify: ShopifyCustomerData | null;
  appRecords: CustomerDataExport;
}

export interface PackageSubject {
  shop: string;
  reference: string;
  language: string;
  deliveryMethod: string;
  shopifyCustomerId: string;
}

export async function assembleDisclosurePackage(
  db: Db,
  subject: PackageSubject,
  shopify: ShopifyCustomerData | null,
  businessName: string,
  now = new Date(),
): Promise<DisclosurePackage> {
  return {
    reference: subject.reference,
    shop: subject.shop,
    businessName,
    language: subject.language === "en" ? "en" : "ja",
    deliveryMethod: subject.deliveryMethod,
    generatedAt: now.toISOString(),
    shopify,
    appRecords: await collectCustomerData(db, subject.shop, subject.shopifyCustomerId, now),
  };
}

export const packageJson = (pkg: DisclosurePackage) => JSON.stringify(pkg, null, 2);

const flat = (value: unknown): string | number | boolean | null =>
  value === null || value === undefined ? null : typeof value === "object" ? JSON.stringify(value) : (value as string | number | boolean);

/** Long CSV (section, record, field, value), BOM first so spreadsheet programs read Japanese. */
export function packageCsv(pkg: DisclosurePackage): string {
  const lines = [CSV_BOM + csvLine(["section", "record_id", "field", "value"])];
  const add = (section: string, id: string, row: object) => {
    for (const [field, value] of Object.entries(row)) lines.push(csvLine([section, id, field, flat(value)]));
  };
  if (pkg.shopify) {
    const { addresses, defaultAddress, emailMarketingConsent, smsMarketingConsent, ...profile } = pkg.shopify.customer;
    add("customer", profile.id, profile);
    if (defaultAddress) add("default_address", profile.id, defaultAddress);
    addresses.forEach((address, index) => add("address", String(index + 1), address));
    if (emailMarketingConsent) add("email_marketing_consent", profile.id, emailMarketingConsent);
    if (smsMarketingConsent) add("sms_marketing_consent", profile.id, smsMarketingConsent);
    if (pkg.shopify.orderCoverage) add("order_coverage", profile.id, pkg.shopify.orderCoverage);
    for (const order of pkg.shopify.orders) {
      const { lineItems, shippingAddress, billingAddress, total, ...rest } = order;
      add("order", order.name, { ...rest, total: total ? `${total.amount} ${total.currencyCode}` : null });
      if (shippingAddress) add("order_shipping_address", order.name, shippingAddress);
      if (billingAddress) add("order_billing_address", order.name, billingAddress);
      lineItems.forEach((line, index) => add("order_line_item", `${order.name}/${index + 1}`, line));
    }
  }
  const app = pkg.appRecords;
  for (const { timeline, messages, ...request } of app.requests) {
    add("app_request", String(request.id ?? ""), request);
    for (const event of timeline) add("app_request_timeline", String(event.id ?? ""), event);
    for (const message of messages) add("app_request_message", String(message.id ?? ""), message);
  }
  for (const record of app.consentRecords) add("app_consent_record", String(record.id ?? ""), record);
  for (const record of app.formSubmissions) add("app_form_submission", String(record.id ?? ""), record);
  for (const record of app.provisionRecords) add("app_provision_record", String(record.id ?? ""), record);
  return lines.join("");
}

const TEXT = {
  ja: {
    title: "保有個人データ開示書",
    reference: "受付番号",
    generated: "作成日時",
    delivery: "お受け取り方法",
    methods: { electronic: "電子ファイル", paper: "書面（郵送）", other: "その他の方法" } as Record<string, string>,
    profile: "お客様情報",
    name: "氏名",
    email: "メールアドレス",
    phone: "電話番号",
    locale: "言語",
    note: "メモ",
    tags: "タグ",
    created: "登録日",
    addresses: "ご住所",
    consent: "マーケティングの同意",
    emailConsent: "メール",
    smsConsent: "SMS",
    orders: "ご注文",
    orderCount: "件",
    order: "注文番号",
    date: "注文日",
    total: "合計",
    shipTo: "お届け先",
    items: "商品",
    quantity: "数量",
    appRecords: "当アプリが保有する記録",
    requests: "ご請求",
    consents: "同意の記録",
    provisions: "第三者提供の記録",
    noShopify: "Shopify にお客様の顧客情報はありません。",
    ordersWindow: (since: string, held: number, included: number) =>
      `ご注文は、当店のアプリが Shopify から読み取れる直近60日分（${since}以降）のみを記載しています。Shopify にはお客様のご注文が${held}件あり、このうち${included}件を記載しました。それより前のご注文についてはお問い合わせください。`,
    none: "なし",
    fee: "開示に関する手数料はいただきません。",
  },
  en: {
    title: "Disclosure of personal data we hold",
    reference: "Reference",
    generated: "Generated",
    delivery: "Delivery method",
    methods: { electronic: "Electronic file", paper: "Paper, by post", other: "Another method" } as Record<string, string>,
    profile: "Customer profile",
    name: "Name",
    email: "Email",
    phone: "Phone",
    locale: "Language",
    note: "Note",
    tags: "Tags",
    created: "Customer since",
    addresses: "Addresses",
    consent: "Marketing consent",
    emailConsent: "Email",
    smsConsent: "SMS",
    orders: "Orders",
    orderCount: "orders",
    order: "Order",
    date: "Date",
    total: "Total",
    shipTo: "Shipping address",
    items: "Items",
    quantity: "Qty",
    appRecords: "Records held by this app",
    requests: "Requests",
    consents: "Consent records",
    provisions: "Third-party provision records",
    noShopify: "Shopify holds no customer record for you.",
    ordersWindow: (since: string, held: number, included: number) =>
      `Orders are listed only for the last 60 days (since ${since}), the period our app may read from Shopify. Shopify holds ${held} orders of yours; ${included} are listed here. Please contact us about earlier orders.`,
    none: "None",
    fee: "No fee is charged for this disclosure.",
  },
};

/** A date as the person reads it, in Japan time (the shop's), e.g. 2026年9月25日 / 25 September 2026. */
const longDate = (iso: string, language: "ja" | "en") =>
  new Intl.DateTimeFormat(language === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(new Date(iso));

const e = (value: unknown) => escapeHtml(value === null || value === undefined ? "" : String(value));

function addressText(address: Address | null, locale: "ja" | "en"): string {
  if (!address) return "";
  const parts =
    locale === "ja"
      ? [address.zip && `〒${address.zip}`, address.province, address.city, address.address1, address.address2, address.company, [address.lastName, address.firstName].filter(Boolean).join(" ")]
      : [[address.firstName, address.lastName].filter(Boolean).join(" "), address.company, address.address1, address.address2, address.city, address.province, address.zip, address.country];
  return parts.filter(Boolean).join(" ");
}

/** A self-contained printable page; every value is escaped. */
export function packageHtml(pkg: DisclosurePackage): string {
  const t = TEXT[pkg.language];
  const row = (label: string, value: unknown) => `<tr><th>${e(label)}</th><td>${e(value)}</td></tr>`;
  const parts: string[] = [];
  parts.push(`<h1>${e(t.title)}</h1>`);
  parts.push(`<p>${e(pkg.businessName)}</p>`);
  parts.push(`<table class="meta">${row(t.reference, pkg.reference)}${row(t.generated, pkg.generatedAt)}${row(t.delivery, t.methods[pkg.deliveryMethod] ?? pkg.deliveryMethod)}</table>`);
  if (!pkg.shopify) {
    parts.push(`<p>${e(t.noShopify)}</p>`);
  } else {
    const c = pkg.shopify.customer;
    const name = pkg.language === "ja" ? [c.lastName, c.firstName] : [c.firstName, c.lastName];
    parts.push(`<h2>${e(t.profile)}</h2><table>${row(t.name, name.filter(Boolean).join(" "))}${row(t.email, c.email)}${row(t.phone, c.phone)}${row(t.locale, c.locale)}${row(t.note, c.note)}${row(t.tags, c.tags.join(", "))}${row(t.created, c.createdAt)}</table>`);
    parts.push(`<h2>${e(t.addresses)}</h2>`);
    parts.push(c.addresses.length ? `<ul>${c.addresses.map((a) => `<li>${e(addressText(a, pkg.language))}</li>`).join("")}</ul>` : `<p>${e(t.none)}</p>`);
    parts.push(
      `<h2>${e(t.consent)}</h2><table>${row(t.emailConsent, c.emailMarketingConsent?.marketingState ?? t.none)}${row(t.smsConsent, c.smsMarketingConsent?.marketingState ?? t.none)}</table>`,
    );
    parts.push(`<h2>${e(t.orders)} (${pkg.shopify.orders.length} ${e(t.orderCount)})</h2>`);
    const coverage = pkg.shopify.orderCoverage;
    if (coverage && !coverage.allOrders && coverage.since) {
      parts.push(`<p class="orders-window">${e(t.ordersWindow(longDate(coverage.since, pkg.language), coverage.ordersHeld, coverage.ordersIncluded))}</p>`);
    }
    parts.push(
      `<table class="orders"><thead><tr><th>${e(t.order)}</th><th>${e(t.date)}</th><th>${e(t.total)}</th><th>${e(t.shipTo)}</th><th>${e(t.items)}</th></tr></thead><tbody>` +
        pkg.shopify.orders
          .map(
            (order) =>
              `<tr><td>${e(order.name)}</td><td>${e(order.createdAt.slice(0, 10))}</td><td>${e(order.total ? `${order.total.amount} ${order.total.currencyCode}` : "")}</td><td>${e(addressText(order.shippingAddress, pkg.language))}</td><td>${order.lineItems
                .map((line) => `${e(line.title)}${line.variantTitle ? ` (${e(line.variantTitle)})` : ""} × ${e(line.quantity)}`)
                .join("<br>")}</td></tr>`,
          )
          .join("") +
        `</tbody></table>`,
    );
  }
  const app = pkg.appRecords;
  parts.push(`<h2>${e(t.appRecords)}</h2>`);
  parts.push(`<h3>${e(t.requests)}</h3><ul>${app.requests.map((r) => `<li>${e(r.reference)} ${e(r.type)} ${e(r.status)} ${e(r.receivedAt instanceof Date ? r.receivedAt.toISOString() : r.receivedAt)}</li>`).join("") || `<li>${e(t.none)}</li>`}</ul>`);
  parts.push(`<h3>${e(t.consents)}</h3><ul>${app.consentRecords.map((r) => `<li>${e(r.kind)}: ${e(r.granted)} (${e(r.choiceAt instanceof Date ? r.choiceAt.toISOString() : r.choiceAt)})</li>`).join("") || `<li>${e(t.none)}</li>`}</ul>`);
  parts.push(`<h3>${e(t.provisions)}</h3><ul>${app.provisionRecords.map((r) => `<li>${e(r.counterpartyName)} ${e(r.items)}</li>`).join("") || `<li>${e(t.none)}</li>`}</ul>`);
  parts.push(`<p class="fee">${e(t.fee)}</p>`);
  const style =
    "body{font-family:system-ui,'Hiragino Sans','Noto Sans JP',sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}@media print{body{margin:0}}";
  return `<!doctype html><html lang="${pkg.language}"><head><meta charset="utf-8"><title>${e(t.title)} ${e(pkg.reference)}</title><style>${style}</style></head><body>${parts.join("\n")}</body></html>`;
}
