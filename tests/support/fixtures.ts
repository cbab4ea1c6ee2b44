// Deterministic fixture shops for the Admin API stand-in. Everything is derived from indexes (no
// randomness), so a test can name "customer 1001" and know its orders. Orders are built lazily:
// most tests never look at them, and customer 1001 alone has 600.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

export const DEMO_SHOP = "qui-pearl-demo.myshopify.com";
export const OTHER_SHOP = "other-shop.myshopify.com";
/** The offline access token fixture shops accept (the one tests store in the Session row). */
export const FIXTURE_ACCESS_TOKEN = "shpat_test";
export const BUSY_CUSTOMER_ID = 1001;
export const BUSY_CUSTOMER_ORDERS = 600;

/** The access scopes shopify.app.toml requests: what a shop grants when it installs the app. */
export function requestedScopes(): string[] {
  const toml = parse(readFileSync(path.resolve(import.meta.dirname, "../../shopify.app.toml"), "utf8")) as { access_scopes: { scopes: string } };
  return toml.access_scopes.scopes.split(",").map((scope) => scope.trim()).filter(Boolean);
}

/**
 * What the fixture shops granted: the toml's scopes plus read_all_orders, as for the app once Shopify
 * approved its request for all orders (README, "Going live"). A test of the app without that approval
 * gives a shop `requestedScopes()` only.
 */
export const APPROVED_EXTRA_SCOPES = ["read_all_orders"];
export const grantedScopes = () => [...requestedScopes(), ...APPROVED_EXTRA_SCOPES];

export type EmailMarketingState =
  | "NOT_SUBSCRIBED"
  | "PENDING"
  | "SUBSCRIBED"
  | "UNSUBSCRIBED"
  | "REDACTED"
  | "INVALID";
export type SmsMarketingState = "NOT_SUBSCRIBED" | "PENDING" | "SUBSCRIBED" | "UNSUBSCRIBED" | "REDACTED";
export type MarketingOptInLevel = "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN";

export interface FixtureAddress {
  id: number;
  firstName: string;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  provinceCode: string;
  country: string;
  countryCodeV2: string;
  zip: string;
  phone: string | null;
}

export interface FixtureEmailConsent {
  marketingState: EmailMarketingState;
  marketingOptInLevel: MarketingOptInLevel | null;
  consentUpdatedAt: string | null;
}

export interface FixtureSmsConsent extends Omit<FixtureEmailConsent, "marketingState"> {
  marketingState: SmsMarketingState;
  consentCollectedFrom: "SHOPIFY" | "OTHER" | null;
}

export interface FixtureCustomer {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  locale: string;
  note: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  addresses: FixtureAddress[];
  /** Index into addresses, or null when the customer has none. */
  defaultAddressIndex: number | null;
  emailMarketingConsent: FixtureEmailConsent | null;
  smsMarketingConsent: FixtureSmsConsent | null;
  orderCount: number;
  /** Set by customerRequestDataErasure, cleared by customerCancelDataErasure. */
  dataErasureRequestedAt: string | null;
}

export interface FixtureLineItem {
  id: number;
  title: string;
  variantTitle: string | null;
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface FixtureOrder {
  id: number;
  name: string;
  customerId: number | null;
  email: string | null;
  phone: string | null;
  createdAt: string;
  note: string | null;
  lineItems: FixtureLineItem[];
  shippingAddress: FixtureAddress | null;
  billingAddress: FixtureAddress | null;
  currencyCode: string;
}

export interface FixtureStaffMember {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  locale: string;
  accountOwner: boolean;
}

/** The staff member tests' session tokens name by default (sub "42"). */
export const DEMO_STAFF_ID = 42;

export interface FixtureShop {
  domain: string;
  /** Numeric shop id (gid://shopify/Shop/<id>). */
  id: number;
  name: string;
  email: string;
  accessToken: string;
  /** Access scopes the shop granted the app; Shopify refuses fields that need others. */
  grantedScopes: string[];
  /** The shop's country (shopAddress.countryCodeV2), or null when its address names none. */
  country: string | null;
  /** Numeric id of the app's installation on this shop. */
  appInstallationId: number;
  customers: FixtureCustomer[];
  /** The shop's staff accounts (the `sub` of their session tokens is the id). */
  staff: FixtureStaffMember[];
  /** Builds the shop's orders; called once, on first use. */
  buildOrders: (customers: FixtureCustomer[]) => FixtureOrder[];
}

const FAMILY = [
  ["佐藤", "Sato"], ["鈴木", "Suzuki"], ["高橋", "Takahashi"], ["田中", "Tanaka"], ["伊藤", "Ito"],
  ["渡辺", "Watanabe"], ["山本", "Yamamoto"], ["中村", "Nakamura"], ["小林", "Kobayashi"], ["加藤", "Kato"],
  ["吉田", "Yoshida"], ["山田", "Yamada"], ["佐々木", "Sasaki"], ["松本", "Matsumoto"], ["井上", "Inoue"],
  ["木村", "Kimura"], ["林", "Hayashi"],
] as const;
const GIVEN = [
  ["花子", "hanako"], ["太郎", "taro"], ["美咲", "misaki"], ["健太", "kenta"], ["陽菜", "hina"],
  ["翔太", "shota"], ["結衣", "yui"], ["大輔", "daisuke"], ["さくら", "sakura"], ["直樹", "naoki"],
  ["真由美", "mayumi"], ["誠", "makoto"], ["愛", "ai"],
] as const;
/** [prefecture, JP-xx code, city, street, postal code] */
const PLACES = [
  ["東京都", "JP-13", "渋谷区", "神宮前1-2-3", "150-0001"],
  ["東京都", "JP-13", "世田谷区", "三軒茶屋2-11-5", "154-0024"],
  ["大阪府", "JP-27", "大阪市北区", "梅田3-1-1", "530-0001"],
  ["京都府", "JP-26", "京都市中京区", "河原町通三条上る", "604-8004"],
  ["北海道", "JP-01", "札幌市中央区", "北一条西4-1", "060-0001"],
  ["愛知県", "JP-23", "名古屋市中区", "栄3-5-12", "460-0008"],
  ["福岡県", "JP-40", "福岡市博多区", "博多駅前2-1-1", "812-0011"],
  ["神奈川県", "JP-14", "横浜市西区", "みなとみらい2-3-1", "220-0012"],
  ["宮城県", "JP-04", "仙台市青葉区", "一番町3-7-1", "980-0811"],
  ["広島県", "JP-34", "広島市中区", "紙屋町1-4-3", "730-0031"],
  ["沖縄県", "JP-47", "那覇市", "久茂地1-1-1", "900-0015"],
] as const;
const PRODUCTS = [
  ["真珠のピアス", "PEARL-EAR-01", 12800],
  ["あこや真珠ネックレス", "PEARL-NECK-07", 58000],
  ["淡水パールブレスレット", "PEARL-BR-03", 8900],
  ["パールリング", "PEARL-RING-02", 22000],
  ["お手入れクロス", "CARE-CLOTH", 990],
  ["ギフトボックス", "GIFT-BOX", 550],
] as const;

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
const FIXTURE_EPOCH = Date.UTC(2024, 0, 15, 1, 0, 0);
const DAY = 86_400_000;

function japaneseCustomer(id: number, index: number, addressIdBase: number): FixtureCustomer {
  const [familyKanji, familyRomaji] = FAMILY[index % FAMILY.length];
  const [givenKanji, givenRomaji] = GIVEN[(index * 7) % GIVEN.length];
  const place = PLACES[index % PLACES.length];
  const mobile = `+8190${String(10_000_000 + id * 7919).slice(-8)}`;
  const hasPhone = index % 3 !== 2;
  const address = (n: number, p: (typeof PLACES)[number]): FixtureAddress => ({
    id: addressIdBase + n,
    firstName: givenKanji,
    lastName: familyKanji,
    company: index % 9 === 4 ? "株式会社パール商事" : null,
    address1: p[3],
    address2: index % 4 === 1 ? `${(index % 12) + 1}01号室` : null,
    city: p[2],
    province: p[0],
    provinceCode: p[1],
    country: "Japan",
    countryCodeV2: "JP",
    zip: p[4],
    phone: hasPhone ? mobile : null,
  });
  const addresses = index % 10 === 9 ? [] : [address(0, place)];
  if (index % 5 === 0) addresses.push(address(1, PLACES[(index + 3) % PLACES.length]));
  const consentAt = iso(FIXTURE_EPOCH + index * 3 * DAY);
  const subscribed = index % 3 === 0;
  const createdAt = iso(FIXTURE_EPOCH - (40 - index) * DAY);
  return {
    id,
    firstName: givenKanji,
    lastName: familyKanji,
    email: index % 11 === 10 ? null : `${givenRomaji}.${familyRomaji.toLowerCase()}${id}@example.jp`,
    phone: hasPhone ? mobile : null,
    locale: index % 6 === 5 ? "en" : "ja",
    note: index % 7 === 3 ? "贈答用の包装を希望" : null,
    tags: index % 4 === 0 ? ["VIP"] : [],
    createdAt,
    updatedAt: createdAt,
    addresses,
    defaultAddressIndex: addresses.length ? 0 : null,
    emailMarketingConsent:
      index % 11 === 10
        ? null
        : {
            marketingState: subscribed ? "SUBSCRIBED" : index % 3 === 1 ? "NOT_SUBSCRIBED" : "UNSUBSCRIBED",
            marketingOptInLevel: subscribed ? "CONFIRMED_OPT_IN" : "SINGLE_OPT_IN",
            consentUpdatedAt: subscribed || index % 3 === 2 ? consentAt : null,
          },
    smsMarketingConsent: hasPhone
      ? {
          marketingState: index % 4 === 0 ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
          marketingOptInLevel: index % 4 === 0 ? "SINGLE_OPT_IN" : "UNKNOWN",
          consentUpdatedAt: index % 4 === 0 ? consentAt : null,
          consentCollectedFrom: index % 4 === 0 ? "SHOPIFY" : null,
        }
      : null,
    orderCount: 0,
    dataErasureRequestedAt: null,
  };
}

function ordersFor(customers: FixtureCustomer[], orderIdBase: number, ordersPerCustomer: (c: FixtureCustomer) => number) {
  const orders: FixtureOrder[] = [];
  let lineItemId = orderIdBase * 10;
  for (const customer of customers) {
    const count = ordersPerCustomer(customer);
    customer.orderCount = count;
    const address = customer.defaultAddressIndex === null ? null : customer.addresses[customer.defaultAddressIndex];
    for (let n = 0; n < count; n++) {
      const number = orders.length;
      const items = (number % 3) + 1;
      orders.push({
        id: orderIdBase + number,
        name: `#${1001 + number}`,
        customerId: customer.id,
        email: customer.email,
        phone: customer.phone,
        createdAt: iso(FIXTURE_EPOCH + number * 4 * 3_600_000),
        note: null,
        lineItems: Array.from({ length: items }, (_, k) => {
          const [title, sku, price] = PRODUCTS[(number + k * 2) % PRODUCTS.length];
          return { id: lineItemId++, title, variantTitle: k === 0 ? "7.5mm" : null, sku, quantity: (k % 2) + 1, unitPrice: price };
        }),
        shippingAddress: address && { ...address, id: address.id },
        billingAddress: address,
        currencyCode: "JPY",
      });
    }
  }
  return orders;
}

/** Qui Pearl's demo store: 36 customers (ids 1001–1036); 1001 has 600 orders, the rest 0–4. */
export function demoFixtureShop(): FixtureShop {
  const customers = Array.from({ length: 36 }, (_, index) => japaneseCustomer(1001 + index, index, 70_000 + index * 10));
  return {
    domain: DEMO_SHOP,
    id: 60_000_001,
    name: "Qui Pearl",
    email: "owner@qui-pearl.example.jp",
    accessToken: FIXTURE_ACCESS_TOKEN,
    grantedScopes: grantedScopes(),
    country: "JP",
    appInstallationId: 880_001,
    customers,
    staff: [
      { id: DEMO_STAFF_ID, firstName: "美咲", lastName: "井上", email: "inoue@qui-pearl.example.jp", locale: "ja", accountOwner: true },
      { id: 9001, firstName: "Emma", lastName: "Fischer", email: "emma@qui-pearl.example.jp", locale: "en", accountOwner: false },
    ],
    buildOrders: (all) =>
      ordersFor(all, 5_000_000, (c) => (c.id === BUSY_CUSTOMER_ID ? BUSY_CUSTOMER_ORDERS : (c.id * 13) % 5)),
  };
}

/** A second shop (customer ids 2001–2004), to prove one shop never sees another's data. */
export function otherFixtureShop(): FixtureShop {
  const customers = Array.from({ length: 4 }, (_, index) => japaneseCustomer(2001 + index, index + 5, 90_000 + index * 10));
  return {
    domain: OTHER_SHOP,
    id: 60_000_002,
    name: "Other Shop",
    email: "owner@other-shop.example.jp",
    accessToken: FIXTURE_ACCESS_TOKEN,
    grantedScopes: grantedScopes(),
    country: "JP",
    appInstallationId: 880_002,
    customers,
    // The same user id as the demo shop's owner, another person: names never cross shops.
    staff: [{ id: DEMO_STAFF_ID, firstName: "一郎", lastName: "別所", email: "owner@other-shop.example.jp", locale: "ja", accountOwner: true }],
    buildOrders: (all) => ordersFor(all, 6_000_000, () => 2),
  };
}

/**
 * The shop with its orders moved in time so that the 60-day window Shopify applies without
 * read_all_orders, counted back from `now`, starts two hours after `customerId`'s order number
 * `lastOutside` (counting from 0): that customer's later orders are inside, far from the edge.
 */
export function shopWithOrderWindow(fixture: FixtureShop, customerId: number, lastOutside: number, now = Date.now()): FixtureShop {
  const own = fixture.buildOrders(fixture.customers).filter((order) => order.customerId === customerId);
  const shift = now - 60 * DAY - 2 * 3_600_000 - Date.parse(own[lastOutside].createdAt);
  return {
    ...fixture,
    buildOrders: (all) => fixture.buildOrders(all).map((order) => ({ ...order, createdAt: iso(Date.parse(order.createdAt) + shift) })),
  };
}
