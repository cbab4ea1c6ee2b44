// The printable package and HTML download read as a letter in the person's language: the shop and
// its contact, the reference and what was asked, what is held grouped and labelled, dates on the
// shop's calendar, states, languages and amounts in words; no timestamp, code or internal id.
import { describe, expect, it } from "vitest";
import { packageHtml, type LetterContext } from "../../../app/privacy/disclosure/disclosureLetter";
import { packageCsv, packageJson, type DisclosurePackage } from "../../../app/privacy/disclosure/disclosurePackage";

const address = (over: Partial<Record<string, string | null>>) => ({
  firstName: null, lastName: null, company: null, address1: null, address2: null, city: null, province: null, provinceCode: null, country: null, countryCodeV2: null, zip: null, phone: null, ...over,
});

function fixture(language: "ja" | "en"): DisclosurePackage {
  const ja = language === "ja";
  return {
    reference: "PD-2026-00042",
    shop: "qui-pearl-demo.myshopify.com",
    businessName: "qui pearl project",
    language,
    deliveryMethod: "paper",
    generatedAt: "2026-12-01T15:30:00.000Z", // 2 December in Tokyo
    shopify: {
      customer: {
        id: "gid://shopify/Customer/1002",
        firstName: ja ? "花子" : "Hannah",
        lastName: ja ? "山田" : "Young",
        email: "hanako@example.jp",
        phone: "+81 90-1234-5678",
        locale: ja ? "ja" : "en",
        note: null,
        tags: ["vip"],
        createdAt: "2024-03-31T16:00:00Z", // 1 April in Tokyo
        updatedAt: "2026-11-01T00:00:00Z",
        numberOfOrders: "1",
        defaultAddress: null,
        addresses: [address(ja ? { zip: "650-0001", province: "兵庫県", city: "神戸市中央区", address1: "加納町1-1", countryCodeV2: "JP", country: "Japan" } : { address1: "1 Kano-cho", city: "Kobe", zip: "650-0001", countryCodeV2: "JP", country: "Japan" })],
        emailMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt: "2026-05-10T03:00:00Z" },
        smsMarketingConsent: { marketingState: "NOT_SUBSCRIBED", marketingOptInLevel: "UNKNOWN", consentUpdatedAt: null },
      },
      orders: [
        {
          id: "gid://shopify/Order/9001",
          name: "#1001",
          email: "hanako@example.jp",
          phone: null,
          createdAt: "2026-11-30T15:10:00Z", // 1 December in Tokyo
          total: { amount: "12000.0", currencyCode: "JPY" },
          shippingAddress: null,
          billingAddress: null,
          lineItems: [{ title: ja ? "あこや真珠ネックレス" : "Akoya pearl necklace", variantTitle: null, sku: "AK-1", quantity: 2 }],
        },
      ],
      orderCoverage: { allOrders: true, since: null, ordersHeld: 1, ordersIncluded: 1 },
    },
    appRecords: {
      shop: "qui-pearl-demo.myshopify.com",
      shopifyCustomerId: "1002",
      generatedAt: "2026-12-01T15:30:00.000Z",
      requests: [{ id: "cmabc123def456", reference: "PD-2026-00042", type: "disclosure", status: "in_progress", receivedAt: "2026-11-20T01:00:00Z", message: "", timeline: [{ id: "ev1", action: "received" }], messages: [] }],
      consentRecords: [{ id: "cmcons1", kind: "email_marketing", granted: true, source: "storefront_form", choiceAt: "2026-05-10T03:00:00Z", evidence: "form" }],
      formSubmissions: [{ id: "cmsub1", reference: "PD-2026-00042", createdAt: "2026-11-20T01:00:00Z" }],
      provisionRecords: [{ id: "cmprov1", direction: "provided", counterpartyName: "ヤマト運輸株式会社", items: '["name","address"]', basis: "contract", lastProvidedAt: "2026-11-21T01:00:00Z" }],
    },
  } as unknown as DisclosurePackage;
}

const letter: LetterContext = {
  business: { name: "qui pearl project", address: "兵庫県神戸市中央区", representative: "真珠 太郎", email: "support@quipearljewelry.com", phone: "078-303-1150" },
  timeZone: "Asia/Tokyo",
  request: { type: "disclosure", receivedAt: new Date("2026-11-19T15:30:00Z"), customerName: "山田 花子" },
};

// What must never reach the person: ISO timestamps, Shopify GIDs, the app's ids, stored codes.
const LEAKS = [/\d{4}-\d{2}-\d{2}T/, /gid:\/\//, /\bcm[a-z0-9]{5,}\b/, /\bSUBSCRIBED\b|NOT_SUBSCRIBED|SINGLE_OPT_IN/, /email_marketing|storefront_form|in_progress/, /12000\.0|JPY/];
const visibleText = (html: string) => html.replace(/<style>.*?<\/style>/s, "").replace(/<[^>]+>/g, " ");

describe("the disclosure letter", () => {
  it("reads as a Japanese letter: shop, contact, reference, what was asked, data grouped, dates in Japan time", () => {
    const html = packageHtml(fixture("ja"), letter);
    const text = visibleText(html);
    expect(html).toContain('<html lang="ja">');
    for (const expected of ["山田 花子 様", "保有個人データ開示のお知らせ", "PD-2026-00042", "保有個人データの開示", "書面（郵送）", "support@quipearljewelry.com", "078-303-1150", "代表者: 真珠 太郎"]) expect(text).toContain(expected);
    // Dates on the shop's calendar, in Japanese: issued 2 Dec, received 20 Nov, the order of 1 Dec.
    expect(text).toContain("発行日: 2026年12月2日");
    expect(text).toContain("2026年11月20日に受付番号");
    expect(text).toMatch(/ご注文日\s*2026年12月1日/);
    expect(text).toMatch(/顧客登録日\s*2024年4月1日/);
    expect(text).toContain("￥12,000");
    expect(text).toMatch(/ご利用の言語\s*日本語/);
    expect(text).toContain("受け取る（2026年5月10日更新）");
    expect(text).toContain("メールマーケティング: 同意（ストアのフォーム）");
    expect(text).toContain("保有個人データの開示（対応中）");
    expect(text).toContain("ヤマト運輸株式会社");
    expect(text).toContain("2点");
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    // No English labels in the Japanese letter.
    expect(text).not.toMatch(/\b(Order|Total|Email|Reference|Consent|Dear|disclosure|paper|contract|provided)\b/);
  });

  it("reads as an English letter with English labels and dates", () => {
    const html = packageHtml(fixture("en"), { ...letter, business: { ...letter.business, address: "Kobe, Japan", representative: "Taro Shinju" }, request: { ...letter.request, customerName: "Hannah Young" } });
    const text = visibleText(html);
    expect(html).toContain('<html lang="en">');
    for (const expected of ["Dear Hannah Young,", "Disclosure of the personal data we hold about you", "under reference PD-2026-00042", "Disclosure of your personal data", "Paper, by post", "December 2, 2026", "December 1, 2026", "¥12,000", "You receive it (updated May 10, 2026)", "Email marketing: given (Store form)", "2 items"]) expect(text).toContain(expected);
    expect(text).toMatch(/Language\s*English/);
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    // No Japanese labels in the English letter (the shop's data here is written in English).
    expect(text.replace("ヤマト運輸株式会社", "")).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("numbers its sections as they appear: without a Shopify record the app's records are section 2", () => {
    const full = visibleText(packageHtml(fixture("ja"), letter));
    expect(full).toMatch(/1\. お客様情報[\s\S]*2\. ご登録の住所[\s\S]*4\. ご注文[\s\S]*5\. 当社のプライバシー管理の記録/);
    const none = visibleText(packageHtml({ ...fixture("en"), shopify: null }, letter));
    expect(none).toContain("1. Your customer profile");
    expect(none).toContain("2. Our privacy records");
    expect(none).not.toContain("5. ");
  });

  it("escapes every value", () => {
    const pkg = fixture("ja");
    pkg.shopify!.customer.note = "<script>alert(1)</script>";
    const html = packageHtml(pkg, letter);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("leaves JSON and CSV machine-readable: codes and ISO timestamps as stored", () => {
    const pkg = fixture("ja");
    expect(JSON.parse(packageJson(pkg))).toMatchObject({ reference: "PD-2026-00042", deliveryMethod: "paper", generatedAt: "2026-12-01T15:30:00.000Z" });
    const csv = packageCsv(pkg);
    expect(csv.split("\n")[0]).toBe("\uFEFFsection,record_id,field,value\r");
    expect(csv).toContain("app_consent_record,cmcons1,kind,email_marketing");
  });
});
