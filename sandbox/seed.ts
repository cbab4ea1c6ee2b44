// The sandbox's demo shop: installed (offline session and Shop row), set up with qui pearl
// project's business details from its policy, and holding a few requests at different stages so
// the desk has something to show. Seeding is idempotent: a second start keeps what you did.
import type { Db } from "../app/db.factory";
import { createPrivacyRequest, type NewPrivacyRequest } from "../app/privacy/requests/createRequest";
import { seedPolicyContent } from "../app/privacy/policy/seedPolicy";
import { parsePolicyContent } from "../app/privacy/policy/policyDocument";
import { publishPolicy, storefrontPolicyValue, writePolicyMetafield } from "../app/privacy/policy/publishPolicy";
import type { AdminGraphql } from "../app/privacy/adminApi";
import { loadDeskSettings, settingsTimeZone } from "../app/privacy/requests/deskSettings";

export interface DemoCustomer {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

export interface SeedOptions {
  shop: string;
  accessToken: string;
  scopes: string;
  customers: DemoCustomer[];
}

const DAY = 24 * 60 * 60 * 1000;

function demoRequests(shop: string, customers: DemoCustomer[], now: number): NewPrivacyRequest[] {
  const pick = (index: number) => customers[index % customers.length];
  const named = (customer: DemoCustomer) => `${customer.lastName} ${customer.firstName}`;
  const requests: NewPrivacyRequest[] = [];
  if (customers.length > 0) {
    const first = pick(1);
    requests.push({
      shop,
      type: "disclosure",
      source: "storefront",
      language: "ja",
      customerName: named(first),
      email: first.email ?? undefined,
      shopifyCustomerId: String(first.id),
      message: "登録されている私の個人情報をすべて開示してください。",
      deliveryMethod: "electronic",
      receivedAt: new Date(now - 2 * DAY),
    });
    const second = pick(4);
    requests.push({
      shop,
      type: "correction",
      source: "storefront",
      language: "ja",
      customerName: named(second),
      email: second.email ?? undefined,
      shopifyCustomerId: String(second.id),
      message: "結婚により姓が変わりました。登録の姓を訂正してください。",
      requestedChanges: { lastName: "山本" },
      receivedAt: new Date(now - 9 * DAY),
    });
    const third = pick(7);
    requests.push({
      shop,
      type: "stop_use",
      source: "staff_phone",
      language: "ja",
      customerName: named(third),
      phone: third.phone ?? undefined,
      shopifyCustomerId: String(third.id),
      message: "広告メールの送付を停止してほしいとのお電話。",
      receivedAt: new Date(now - 12 * DAY),
    });
  }
  requests.push({
    shop,
    type: "inquiry",
    source: "staff_email",
    language: "en",
    customerName: "Emma Clarke",
    email: "emma.clarke@example.com",
    inEu: true,
    message: "Which companies do you share my order details with?",
    receivedAt: new Date(now - 1 * DAY),
  });
  return requests;
}

export async function seedDemoShop(db: Db, options: SeedOptions): Promise<{ createdRequests: number }> {
  const { shop } = options;
  const business = seedPolicyContent().ja.business;
  await db.session.upsert({
    where: { id: `offline_${shop}` },
    create: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: options.accessToken, scope: options.scopes },
    update: { accessToken: options.accessToken, scope: options.scopes },
  });
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, status: "installed", scopes: options.scopes },
    update: { status: "installed", scopes: options.scopes, uninstalledAt: null },
  });
  await db.shopSettings.upsert({
    where: { shop },
    create: {
      shop,
      businessName: business.name,
      businessAddress: business.address,
      representative: business.representative,
      contactEmail: business.email,
      contactPhone: business.phone,
      staffNotifyEmail: business.email,
    },
    update: {},
  });
  if ((await db.privacyRequest.count({ where: { shop } })) > 0) return { createdRequests: 0 };
  const requests = demoRequests(shop, options.customers, Date.now());
  for (const request of requests) await createPrivacyRequest(db, request, "sandbox");
  return { createdRequests: requests.length };
}

/**
 * The storefront shows the policy the app published to the shop's metafield, and the request form
 * only accepts consent to that version. The stand-in forgets its metafields when the sandbox stops,
 * so each start publishes the seed policy once (version 1) or re-writes the latest version.
 */
export async function publishDemoPolicy(db: Db, api: AdminGraphql, shop: string): Promise<number> {
  const latest = await db.policyVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  if (!latest) {
    const published = await publishPolicy(db, api, {
      shop,
      changeNote: "サンドボックスの初期ポリシー / Sandbox seed policy",
      publishedBy: "sandbox",
      content: seedPolicyContent(),
    });
    return published.version;
  }
  const timeZone = settingsTimeZone(await loadDeskSettings(db, shop));
  await writePolicyMetafield(api, storefrontPolicyValue(latest.version, latest.publishedAt, parsePolicyContent(JSON.parse(latest.content)), timeZone));
  return latest.version;
}
