// The disclosure as the person reads it: a letter in their language from the shop (name, address,
// contact), naming the request (reference, what was asked, when), then what is held, grouped and
// labelled in words: dates on the shop's calendar, consent states, languages and amounts as people
// write them, never a timestamp, an enum code or an internal id. The same page is printed for a
// paper delivery and downloaded for an electronic one. JSON and CSV stay the machine-readable forms.
import { translate, type Locale, type MessageKey } from "../../i18n";
import { escapeHtml, noticeLabel } from "../mail/templates";
import { formatCalendarDate } from "../calendarDate";
import { DEFAULT_SHOP_TIME_ZONE } from "../shopTime";
import type { DisclosurePackage } from "./disclosurePackage";
import type { DeskDb } from "../requests/deskSettings";
import { loadDeskSettings, settingsTimeZone } from "../requests/deskSettings";
import type { Address } from "./shopifyCustomerData";

/** What the letter says about the shop and the request, beyond the package itself. */
export interface LetterContext {
  business: { name: string; address: string; representative: string; email: string; phone: string };
  timeZone: string;
  /** The request as it stands: its delivery method wins over the one the package was built with. */
  request: { type: string; receivedAt: Date; customerName: string; deliveryMethod?: string };
}

type Row = Record<string, unknown>;

/** The shop's letterhead and the request's facts, read where the letter is rendered. */
export async function letterContext(db: DeskDb, shop: string, requestId: string): Promise<LetterContext | undefined> {
  const [settings, request] = await Promise.all([
    loadDeskSettings(db, shop),
    db.privacyRequest.findFirst({ where: { id: requestId, shop }, select: { type: true, receivedAt: true, customerName: true, deliveryMethod: true } }),
  ]);
  if (!request) return undefined;
  return {
    business: { name: settings.businessName, address: settings.businessAddress, representative: settings.representative, email: settings.contactEmail, phone: settings.contactPhone },
    timeZone: settingsTimeZone(settings),
    request,
  };
}

const TEXT = {
  ja: {
    title: "保有個人データ開示のお知らせ",
    salutation: (name: string) => (name ? `${name} 様` : "お客様"),
    opening: (reference: string, received: string, type: string) =>
      `平素より格別のお引き立てを賜り、厚く御礼申し上げます。${received}に受付番号 ${reference} で承りました「${type}」のご請求について、当社が保有するお客様の個人データを下記のとおり開示いたします。`,
    issued: "発行日",
    reference: "受付番号",
    asked: "ご請求の内容",
    receivedOn: "受付日",
    delivery: "お受け取り方法",
    methods: { electronic: "電子ファイル", paper: "書面（郵送）", other: "その他の方法" } as Record<string, string>,
    record: "記",
    profile: "お客様情報",
    name: "氏名",
    email: "メールアドレス",
    phone: "電話番号",
    language: "ご利用の言語",
    note: "当店のメモ",
    tags: "タグ",
    since: "顧客登録日",
    orderCount: "ご注文の回数",
    addresses: "ご登録の住所",
    consent: "マーケティングのご案内への同意",
    emailConsent: "メールでのご案内",
    smsConsent: "SMS でのご案内",
    consentOn: (date: string) => `（${date}更新）`,
    orders: "ご注文",
    order: "注文番号",
    date: "ご注文日",
    total: "合計金額",
    shipTo: "お届け先",
    billTo: "ご請求先",
    items: "商品",
    quantity: (n: number) => `${n}点`,
    appRecords: "当社のプライバシー管理の記録",
    requests: "個人情報に関するご請求",
    requestLine: (reference: string, type: string, status: string, date: string) => `${date} 受付\u3000${reference}\u3000${type}（${status}）`,
    message: "お寄せいただいた内容",
    consents: "同意の記録",
    consentLine: (date: string, kind: string, granted: string, source: string) => `${date}\u3000${kind}: ${granted}（${source}）`,
    granted: "同意",
    withdrawn: "同意しない・撤回",
    submissions: (count: number) => `ストアのフォームからのご送信 ${count}件`,
    provisions: "第三者への提供・第三者からの受領の記録",
    provisionLine: (date: string, party: string, items: string, basis: string) => `${date}\u3000${party}\u3000${items}（${basis}）`,
    provided: "提供",
    received: "受領",
    noShopify: "当店の Shopify には、お客様の顧客情報はございません。",
    none: "ございません。",
    unknown: "記録なし",
    ordersWindow: (since: string, held: number, included: number) =>
      `ご注文は、当社のアプリが Shopify から読み取れる直近60日分（${since}以降）のみを記載しています。Shopify にはお客様のご注文が${held}件あり、このうち${included}件を記載しました。それより前のご注文についてはお問い合わせください。`,
    fee: "開示に関する手数料はいただきません。",
    questions: "ご不明な点がございましたら、受付番号を添えて下記までお問い合わせください。",
    closing: "以上",
    contact: "お問い合わせ先",
    representative: "代表者",
  },
  en: {
    title: "Disclosure of the personal data we hold about you",
    salutation: (name: string) => (name ? `Dear ${name},` : "Dear customer,"),
    opening: (reference: string, received: string, type: string) =>
      `Thank you for your request "${type}", received on ${received} under reference ${reference}. Below is the personal data about you that we hold.`,
    issued: "Date",
    reference: "Reference",
    asked: "Your request",
    receivedOn: "Received",
    delivery: "Delivered as",
    methods: { electronic: "Electronic file", paper: "Paper, by post", other: "Another method" } as Record<string, string>,
    record: "",
    profile: "Your customer profile",
    name: "Name",
    email: "Email",
    phone: "Phone",
    language: "Language",
    note: "Our note",
    tags: "Tags",
    since: "Customer since",
    orderCount: "Number of orders",
    addresses: "Addresses on file",
    consent: "Consent to marketing",
    emailConsent: "By email",
    smsConsent: "By text message",
    consentOn: (date: string) => ` (updated ${date})`,
    orders: "Orders",
    order: "Order",
    date: "Date",
    total: "Total",
    shipTo: "Shipping address",
    billTo: "Billing address",
    items: "Items",
    quantity: (n: number) => (n === 1 ? "1 item" : `${n} items`),
    appRecords: "Our privacy records",
    requests: "Your privacy requests",
    requestLine: (reference: string, type: string, status: string, date: string) => `${date}: ${reference}, ${type} (${status})`,
    message: "What you wrote",
    consents: "Consent records",
    consentLine: (date: string, kind: string, granted: string, source: string) => `${date}: ${kind}: ${granted} (${source})`,
    granted: "given",
    withdrawn: "declined or withdrawn",
    submissions: (count: number) => (count === 1 ? "1 submission of the store's form" : `${count} submissions of the store's form`),
    provisions: "Records of provision to or receipt from third parties",
    provisionLine: (date: string, party: string, items: string, basis: string) => `${date}: ${party}, ${items} (${basis})`,
    provided: "provided",
    received: "received",
    noShopify: "Our Shopify store holds no customer record for you.",
    none: "None.",
    unknown: "not recorded",
    ordersWindow: (since: string, held: number, included: number) =>
      `Orders are listed only for the last 60 days (since ${since}), the period our app may read from Shopify. Shopify holds ${held} orders of yours; ${included} are listed here. Please contact us about earlier orders.`,
    fee: "No fee is charged for this disclosure.",
    questions: "If anything is unclear, please contact us quoting the reference.",
    closing: "Yours sincerely,",
    contact: "Contact",
    representative: "Representative",
  },
};

const MARKETING_STATE: Record<Locale, Record<string, string>> = {
  ja: { SUBSCRIBED: "受け取る", NOT_SUBSCRIBED: "受け取らない", UNSUBSCRIBED: "受け取らない（解除済み）", PENDING: "確認待ち", REDACTED: "削除済み", INVALID: "無効な宛先" },
  en: { SUBSCRIBED: "You receive it", NOT_SUBSCRIBED: "You do not receive it", UNSUBSCRIBED: "You unsubscribed", PENDING: "Awaiting your confirmation", REDACTED: "Erased", INVALID: "Not a valid address" },
};

const e = (value: unknown) => escapeHtml(value === null || value === undefined ? "" : String(value));

function dateText(value: unknown, locale: Locale, timeZone: string): string {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return formatCalendarDate(date, locale, timeZone);
}

function languageName(code: string | null | undefined, locale: Locale): string {
  if (!code) return "";
  try {
    return new Intl.DisplayNames([locale === "ja" ? "ja-JP" : "en-GB"], { type: "language" }).of(code) ?? "";
  } catch {
    return "";
  }
}

function money(total: { amount: string; currencyCode: string } | null, locale: Locale): string {
  if (!total) return "";
  const amount = Number(total.amount);
  try {
    return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", { style: "currency", currency: total.currencyCode }).format(amount);
  } catch {
    return `${amount.toLocaleString(locale)} ${total.currencyCode}`;
  }
}

function countryName(code: string | null, fallback: string | null, locale: Locale): string {
  if (code) {
    try {
      const name = new Intl.DisplayNames([locale === "ja" ? "ja-JP" : "en-GB"], { type: "region" }).of(code);
      if (name) return name;
    } catch {
      // an unknown code falls back to the name Shopify gave
    }
  }
  return fallback ?? "";
}

function addressText(address: Address | null, locale: Locale): string {
  if (!address) return "";
  const country = countryName(address.countryCodeV2, address.country, locale);
  const parts =
    locale === "ja"
      ? [address.zip && `〒${address.zip}`, address.countryCodeV2 === "JP" ? "" : country, address.province, address.city, address.address1, address.address2, address.company, [address.lastName, address.firstName].filter(Boolean).join(" ")]
      : [[address.firstName, address.lastName].filter(Boolean).join(" "), address.company, address.address1, address.address2, address.city, address.province, address.zip, country];
  return parts.filter(Boolean).join(locale === "ja" ? " " : ", ");
}

function itemsText(value: unknown): string {
  const list = typeof value === "string" ? safeJson(value) : value;
  return Array.isArray(list) ? list.map(String).join("、") : typeof value === "string" ? value : "";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const labelled = (locale: Locale, key: string, fallback: string) => {
  const text = translate(locale, key as MessageKey);
  return text === key ? fallback : text;
};

/** The letter as a self-contained printable page; every value is escaped. */
export function packageHtml(pkg: DisclosurePackage, letter?: LetterContext): string {
  const locale: Locale = pkg.language === "en" ? "en" : "ja";
  const t = TEXT[locale];
  const timeZone = letter?.timeZone ?? DEFAULT_SHOP_TIME_ZONE;
  const date = (value: unknown) => dateText(value, locale, timeZone);
  const row = (label: string, value: unknown) => (value === "" || value === null || value === undefined ? "" : `<tr><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`);
  const business = letter?.business ?? { name: pkg.businessName, address: "", representative: "", email: "", phone: "" };
  const shopName = business.name || pkg.businessName;
  const c = pkg.shopify?.customer ?? null;
  const personName = c ? (locale === "ja" ? [c.lastName, c.firstName] : [c.firstName, c.lastName]).filter(Boolean).join(" ") : (letter?.request.customerName ?? "");
  const requestType = noticeLabel(locale, "requestType", letter?.request.type ?? "disclosure");
  const parts: string[] = [];
  // Sections are numbered as they appear: without a Shopify record, the app's records are 2.
  let sectionCount = 0;
  const h2 = (title: string) => `<h2>${++sectionCount}. ${e(title)}</h2>`;

  parts.push(
    `<header class="letterhead"><p class="issued">${e(t.issued)}: ${e(date(pkg.generatedAt))}</p>` +
      `<p class="from"><strong>${e(shopName)}</strong>${business.address ? `<br>${e(business.address).replace(/\r?\n/g, "<br>")}` : ""}${business.representative ? `<br>${e(t.representative)}: ${e(business.representative)}` : ""}</p></header>`,
  );
  parts.push(`<p class="to">${e(t.salutation(personName))}</p>`);
  parts.push(`<h1>${e(t.title)}</h1>`);
  parts.push(`<p>${e(t.opening(pkg.reference, letter ? date(letter.request.receivedAt) : "", requestType))}</p>`);
  parts.push(
    `<table class="meta">${row(t.reference, pkg.reference)}${row(t.asked, requestType)}${letter ? row(t.receivedOn, date(letter.request.receivedAt)) : ""}${row(t.delivery, t.methods[letter?.request.deliveryMethod ?? pkg.deliveryMethod] ?? t.methods.other)}</table>`,
  );
  if (t.record) parts.push(`<p class="record">${e(t.record)}</p>`);

  parts.push(`<section>${h2(t.profile)}`);
  if (!c || !pkg.shopify) {
    parts.push(`<p>${e(t.noShopify)}</p></section>`);
  } else {
    parts.push(
      `<table>${row(t.name, personName)}${row(t.email, c.email)}${row(t.phone, c.phone)}${row(t.language, languageName(c.locale, locale))}${row(t.since, date(c.createdAt))}${row(t.orderCount, c.numberOfOrders)}${row(t.tags, c.tags.join(locale === "ja" ? "、" : ", "))}${row(t.note, c.note)}</table></section>`,
    );
    parts.push(`<section>${h2(t.addresses)}`);
    parts.push(c.addresses.length ? `<ul>${c.addresses.map((a) => `<li>${e(addressText(a, locale))}</li>`).join("")}</ul>` : `<p>${e(t.none)}</p>`);
    parts.push(`</section><section>${h2(t.consent)}<table>`);
    for (const [label, consent] of [
      [t.emailConsent, c.emailMarketingConsent],
      [t.smsConsent, c.smsMarketingConsent],
    ] as const) {
      const state = consent?.marketingState ? (MARKETING_STATE[locale][consent.marketingState] ?? t.unknown) : t.unknown;
      const updated = consent?.consentUpdatedAt ? t.consentOn(date(consent.consentUpdatedAt)) : "";
      parts.push(row(label, `${state}${updated}`));
    }
    parts.push(`</table></section>`);
    const orders = pkg.shopify.orders;
    parts.push(`<section>${h2(t.orders)}`);
    const coverage = pkg.shopify.orderCoverage;
    if (coverage && !coverage.allOrders && coverage.since) {
      parts.push(`<p class="orders-window">${e(t.ordersWindow(date(coverage.since), coverage.ordersHeld, coverage.ordersIncluded))}</p>`);
    }
    if (!orders.length) parts.push(`<p>${e(t.none)}</p>`);
    for (const order of orders) {
      const lines = order.lineItems.map((line) => `<li>${e(line.title)}${line.variantTitle ? ` (${e(line.variantTitle)})` : ""} — ${e(t.quantity(line.quantity))}</li>`).join("");
      parts.push(
        `<article class="order"><h3>${e(t.order)} ${e(order.name)}</h3><table>${row(t.date, date(order.createdAt))}${row(t.total, money(order.total, locale))}${row(t.shipTo, addressText(order.shippingAddress, locale))}${row(t.billTo, addressText(order.billingAddress, locale))}${row(t.email, order.email)}${row(t.phone, order.phone)}</table>` +
          (lines ? `<p class="items-label">${e(t.items)}</p><ul>${lines}</ul>` : "") +
          `</article>`,
      );
    }
    parts.push(`</section>`);
  }

  const app = pkg.appRecords;
  parts.push(`<section>${h2(t.appRecords)}<h3>${e(t.requests)}</h3>`);
  parts.push(
    app.requests.length
      ? `<ul>${app.requests
          .map((r: Row) => {
            const line = t.requestLine(String(r.reference ?? ""), noticeLabel(locale, "requestType", String(r.type ?? "")), noticeLabel(locale, "status", String(r.status ?? "")), date(r.receivedAt));
            const message = typeof r.message === "string" && r.message.trim() ? `<br><span class="quote">${e(t.message)}: ${e(r.message)}</span>` : "";
            return `<li>${e(line)}${message}</li>`;
          })
          .join("")}</ul>`
      : `<p>${e(t.none)}</p>`,
  );
  parts.push(`<h3>${e(t.consents)}</h3>`);
  parts.push(
    app.consentRecords.length
      ? `<ul>${app.consentRecords
          .map((r: Row) => {
            const kind = labelled(locale, `consent.kind.${String(r.kind)}`, t.unknown);
            const source = labelled(locale, `consent.source.${String(r.source)}`, t.unknown);
            return `<li>${e(t.consentLine(date(r.choiceAt), kind, r.granted ? t.granted : t.withdrawn, source))}</li>`;
          })
          .join("")}</ul>`
      : `<p>${e(t.none)}</p>`,
  );
  if (app.formSubmissions.length) parts.push(`<p>${e(t.submissions(app.formSubmissions.length))}</p>`);
  parts.push(`<h3>${e(t.provisions)}</h3>`);
  parts.push(
    app.provisionRecords.length
      ? `<ul>${app.provisionRecords
          .map((r: Row) => {
            const basis = labelled(locale, `records.basis.${String(r.basis)}`, t.unknown);
            const direction = r.direction === "received" ? t.received : t.provided;
            return `<li>${e(t.provisionLine(date(r.lastProvidedAt), String(r.counterpartyName ?? ""), itemsText(r.items), `${direction}, ${basis}`))}</li>`;
          })
          .join("")}</ul>`
      : `<p>${e(t.none)}</p>`,
  );
  parts.push(`</section>`);

  parts.push(`<p class="fee">${e(t.fee)}</p><p>${e(t.questions)}</p>`);
  const contact = [business.email, business.phone].filter(Boolean);
  parts.push(`<footer><p class="closing">${e(t.closing)}</p><p><strong>${e(shopName)}</strong>${contact.length ? `<br>${e(t.contact)}: ${contact.map(e).join(" / ")}` : ""}</p></footer>`);

  const style =
    "body{font-family:'Hiragino Mincho ProN','Yu Mincho','Noto Serif JP',serif;max-width:46rem;margin:2.5rem auto;padding:0 1.25rem;color:#222;line-height:1.7}" +
    ".letterhead{text-align:right}.letterhead p{margin:.2rem 0}.to{margin-top:1.5rem;font-size:1.05rem}h1{font-size:1.35rem;text-align:center;margin:1.5rem 0}" +
    "h2{font-size:1.05rem;border-bottom:1px solid #999;padding-bottom:.2rem;margin-top:2rem}h3{font-size:.98rem;margin:1.2rem 0 .4rem}" +
    ".record{text-align:center}table{border-collapse:collapse;width:100%;margin:.4rem 0 .8rem}th,td{border:1px solid #ccc;padding:.35rem .6rem;text-align:left;vertical-align:top;font-size:.92rem}" +
    "th{width:32%;background:#f6f6f6;font-weight:600}ul{padding-left:1.2rem}li{margin:.2rem 0}.order{break-inside:avoid}.items-label{margin:.2rem 0;font-weight:600}" +
    ".quote{color:#555}footer{margin-top:2rem;text-align:right}@media print{body{margin:0 auto}}";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(t.title)} ${e(pkg.reference)}</title><style>${style}</style></head><body>${parts.join("\n")}</body></html>`;
}
