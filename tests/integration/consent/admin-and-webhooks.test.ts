// The consent and policy features through the built server: Shopify's consent webhooks reach the
// ledger through the inbox, the admin pages and CSV answer only for the shop's own data, and
// publishing from the editor writes the storefront metafield through the Admin API stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { embeddedAppUrl, mintSessionToken } from "../../support/sessionToken";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { DEMO_SHOP, OTHER_SHOP, demoFixtureShop } from "../../support/fixtures";
import { deliver, waitForInbox } from "../webhooks.helpers";
import { DEFAULT_SCOPES } from "../../../app/config.server";
import { subjectHistory } from "../../../app/privacy/consent/consentQueries";
import { recordConsent } from "../../../app/privacy/consent/ledger";
import { visitorSubjectKey } from "../../../app/privacy/consent/subject";
import { recordBannerChoice } from "../../../app/privacy/storefront/bannerConsent";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";

describe(`consent and policy through the server on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let standIn: AdminApiStandIn;
  const installation = `gid://shopify/AppInstallation/${demoFixtureShop().appInstallationId}`;

  const headers = (shop = DEMO_SHOP, extra: Record<string, string> = {}) => ({
    "User-Agent": BROWSER_UA,
    Authorization: `Bearer ${mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001" })}`,
    ...extra,
  });
  const get = (path: string, shop = DEMO_SHOP) => fetch(`${app.url}${path}`, { headers: headers(shop), redirect: "manual" });
  const post = (path: string, fields: Record<string, string>, shop = DEMO_SHOP) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: headers(shop, { "Content-Type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
  const emailConsent = (customerId: number, state: string, at: string) => ({
    customer_id: customerId,
    email_address: "sakura@example.jp",
    email_marketing_consent: { state, opt_in_level: "single_opt_in", consent_updated_at: at },
  });

  beforeAll(async () => {
    process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
    database = await createTestDatabase(undefined, "consent_http");
    for (const shop of [DEMO_SHOP, OTHER_SHOP]) {
      await database.db.session.create({
        data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
      });
    }
    standIn = await startAdminApiStandIn();
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("takes Shopify's consent webhooks through the inbox into the ledger, ordered by when the choice was made", async () => {
    // The withdrawal is delivered first, the older opt-in arrives late (a retry, say).
    const withdrawal = await deliver(app, { topic: "customers_email_marketing_consent/update", shop: DEMO_SHOP, payload: emailConsent(1005, "unsubscribed", "2026-05-02T00:00:00Z") });
    const optIn = await deliver(app, { topic: "customers_email_marketing_consent/update", shop: DEMO_SHOP, payload: emailConsent(1005, "subscribed", "2026-05-01T00:00:00Z") });
    const sms = await deliver(app, {
      topic: "customers_marketing_consent/update",
      shop: DEMO_SHOP,
      payload: { customer_id: 1005, phone_number: "+819011112222", sms_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-05-01T00:00:00Z" } },
    });
    expect([withdrawal.status, optIn.status, sms.status]).toEqual([200, 200, 200]);
    await waitForInbox(database.db, 3);

    const { records, current } = await subjectHistory(database.db, DEMO_SHOP, "customer:1005");
    expect(records).toHaveLength(3);
    expect(records.every((record) => record.source === "shopify_webhook")).toBe(true);
    expect(current.find((entry) => entry.kind === "email_marketing")?.granted).toBe(false);
    expect(current.find((entry) => entry.kind === "sms_marketing")?.granted).toBe(true);
    const stored = JSON.stringify(await database.db.consentRecord.findMany());
    expect(stored).not.toContain("sakura");
    expect(stored).not.toContain("9011112222");
  });

  it("refuses a consent webhook with a bad signature", async () => {
    const result = await deliver(
      app,
      { topic: "customers_email_marketing_consent/update", shop: DEMO_SHOP, payload: emailConsent(1006, "subscribed", "2026-05-01T00:00:00Z") },
      (h) => void (h["X-Shopify-Hmac-Sha256"] = "AAAA"),
    );
    expect(result.status).toBe(401);
    expect(await database.db.consentRecord.count({ where: { subjectKey: "customer:1006" } })).toBe(0);
  });

  it("shows the ledger and a person's history to their shop only", async () => {
    await recordConsent(database.db, { shop: OTHER_SHOP, shopifyCustomerId: "4004", kind: "policy", granted: true, source: "staff", choiceAt: new Date("2026-05-01T00:00:00Z") });
    const list = await get("/app/consent.data?kind=email_marketing");
    expect(list.status).toBe(200);
    const listed = await list.text();
    expect(listed).toContain('"customer"');
    expect(listed).toContain('"1005"');

    const mine = await get(`/app/consent/${encodeURIComponent("customer:1005")}.data`);
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain("shopify unsubscribed");

    const theirs = await get(`/app/consent/${encodeURIComponent("customer:4004")}.data`);
    expect(theirs.status).toBe(404);
    await theirs.arrayBuffer();
    const garbage = await get(`/app/consent/${encodeURIComponent("nobody")}.data`);
    expect(garbage.status).toBe(404);
    await garbage.arrayBuffer();
  });

  it("exports the shop's ledger as CSV without personal data", async () => {
    const response = await get("/app/consent/export?form=codes");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3);
    expect(csv).toContain("customer:1005");
    expect(csv).not.toContain("4004");
    expect(csv).not.toContain("sakura");
  });

  it("shows an anonymous visitor's banner choice as such in the list, its filter, the history and the CSV, in Japanese and English", async () => {
    const visitorId = crypto.randomUUID();
    await recordBannerChoice(database.db, {
      shop: DEMO_SHOP,
      chooser: { visitorId },
      choice: { analytics: true, marketing: false, preferences: true, sale_of_data: false, policyVersion: null },
      now: new Date("2026-05-03T00:00:00Z"),
    });
    const subjectKey = visitorSubjectKey(DEMO_SHOP, visitorId);
    const hash = subjectKey.slice("visitor:".length);
    // Outside the app the visitor is named by their first ledger row, never by the keyed hash.
    const rows = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey }, select: { id: true } });
    const ref = rows.map((row) => row.id).sort()[0];
    const short = ref.slice(-8);

    const visitors = await (await get("/app/consent.data?subject_type=visitor")).text();
    expect(visitors).toContain(ref);
    expect(visitors).not.toContain(hash);
    expect(visitors).not.toContain('"1005"');
    const customers = await (await get("/app/consent.data?subject_type=customer")).text();
    expect(customers).toContain('"1005"');
    expect(customers).not.toContain(ref);

    for (const row of rows) {
      const history = await get(`/app/consent/${row.id}.data`);
      expect(history.status).toBe(200);
      const text = await history.text();
      expect(text).toContain("storefront consent banner");
      expect(text).not.toContain(hash);
    }
    // The keyed hash does not name anyone from outside.
    const byHash = await get(`/app/consent/${encodeURIComponent(subjectKey)}.data`);
    expect(byHash.status).toBe(404);
    await byHash.arrayBuffer();

    const ja = await (await get(`/app/consent/export?subject_type=visitor&locale=ja&form=codes`)).text();
    const jaLines = ja.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(jaLines[0]).toBe("recorded_at,choice_at,subject,subject_type,subject_label,shopify_customer_id,kind,granted,policy_version,source,evidence");
    expect(jaLines).toHaveLength(1 + 4);
    for (const line of jaLines.slice(1)) expect(line).toContain(`${ref},visitor,匿名の訪問者（記録 ${short}）,,`);
    const en = await (await get(`/app/consent/export?subject=${ref}&locale=en&form=codes`)).text();
    expect(en.trim().split("\r\n")).toHaveLength(1 + 4);
    expect(en).toContain(`${ref},visitor,Anonymous visitor (record ${short}),,`);
    const all = await (await get("/app/consent/export?locale=en&form=codes")).text();
    expect(all).toContain("customer:1005,customer,Customer #1005,1005,");
    for (const csv of [ja, en, all]) {
      expect(csv).not.toContain(hash);
      expect(csv).not.toContain(visitorId);
      expect(csv).not.toContain(visitorId.replace(/-/g, ""));
    }
  });

  it("publishes from the editor: a version with a hash, and the storefront metafield", async () => {
    const missingNote = await post("/app/policy/edit", { intent: "publish", content: JSON.stringify(seedPolicyContent()), changeNote: "" });
    expect(missingNote.status).toBe(400);
    await missingNote.arrayBuffer();
    const broken = seedPolicyContent();
    broken.en.title = "";
    const invalid = await post("/app/policy/edit", { intent: "publish", content: JSON.stringify(broken), changeNote: "x" });
    expect(invalid.status).toBe(400);
    await invalid.arrayBuffer();
    expect(await database.db.policyVersion.count()).toBe(0);

    const response = await post("/app/policy/edit", { intent: "publish", content: JSON.stringify(seedPolicyContent()), changeNote: "初版を公開" });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const version = await database.db.policyVersion.findFirstOrThrow({ where: { shop: DEMO_SHOP } });
    expect(version).toMatchObject({ version: 1, changeNote: "初版を公開", publishedBy: "staff:7001", purposesChanged: false });
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const metafield = standIn.state.metafield(DEMO_SHOP, installation, "privacy_desk", "policy");
    expect(metafield?.type).toBe("json");
    expect(JSON.parse(metafield!.value)).toMatchObject({ version: 1, languages: { ja: { title: "プライバシーポリシー" }, en: { title: "Privacy Policy" } } });

    const page = await get("/app/policy.data");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(version.contentHash);
    const other = await get("/app/policy.data", OTHER_SHOP);
    expect(await other.text()).not.toContain(version.contentHash);
  });

  it("saves drafts only when they are valid", async () => {
    const broken = seedPolicyContent();
    broken.ja.sections = broken.ja.sections.filter((section) => section.id !== "purposes");
    const refused = await post("/app/policy/edit", { intent: "save", content: JSON.stringify(broken) });
    expect(refused.status).toBe(400);
    await refused.arrayBuffer();
    expect(await database.db.policyDraft.count()).toBe(0);
    const notJson = await post("/app/policy/edit", { intent: "save", content: "{" });
    expect(notJson.status).toBe(400);
    await notJson.arrayBuffer();

    const draft = seedPolicyContent();
    draft.ja.business.representative = "真珠 花子";
    const saved = await post("/app/policy/edit", { intent: "save", content: JSON.stringify(draft) });
    expect(saved.status).toBe(200);
    await saved.arrayBuffer();
    const row = await database.db.policyDraft.findUniqueOrThrow({ where: { shop_language: { shop: DEMO_SHOP, language: "ja" } } });
    expect(JSON.parse(row.content).business.representative).toBe("真珠 花子");
  });

  it.each([
    ["/app/consent", "同意記録", "同意・撤回の件数"],
    [`/app/consent/${encodeURIComponent("customer:1005")}`, "同意の履歴", "メールマーケティング"],
    ["/app/policy", "公開履歴", "初版を公開"],
    ["/app/policy/edit", "ポリシーの編集", "各種商品に関するご案内のため"],
  ])("renders %s as a document in Japanese", async (path, title, text) => {
    const url = embeddedAppUrl(app.url, path, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, locale: "ja" });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(title);
    expect(html).toContain(text);
  });

  it("keeps where the policy is published and links the live policy there, refusing an address that is not a store page", async () => {
    const document = async (path: string, shop = DEMO_SHOP) => {
      const url = embeddedAppUrl(app.url, path, { shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, locale: "ja" });
      const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
      expect(response.status).toBe(200);
      return response.text();
    };
    // Not known yet: the editor says so and offers the theme editor adding the policy block.
    const before = await document("/app/policy/edit");
    expect(before).toContain("ポリシーを掲載したページがまだ登録されていません");
    expect(before).toContain(`https://${DEMO_SHOP}/admin/themes/current/editor?template=page&amp;addAppBlockId=`);

    for (const bad of ["javascript:alert(1)", "//evil.example/pages/x", "http://shop.example/pages/x", "/pages/a b", `/${"x".repeat(600)}`]) {
      const refused = await post("/app/policy/edit", { intent: "page_url", pageUrl: bad });
      expect(refused.status, bad).toBe(400);
      await refused.arrayBuffer();
    }
    expect((await database.db.shopSettings.findUnique({ where: { shop: DEMO_SHOP } }))?.policyPageUrl ?? "").toBe("");

    const saved = await post("/app/policy/edit", { intent: "page_url", pageUrl: " /pages/privacy-policy " });
    expect(saved.status).toBe(200);
    await saved.arrayBuffer();
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).policyPageUrl).toBe("/pages/privacy-policy");
    expect((await database.db.shopSettings.findUnique({ where: { shop: OTHER_SHOP } }))?.policyPageUrl ?? "").toBe("");

    // Published (an earlier test), so both policy pages link the live policy; the editor also opens the theme editor on it.
    const live = `https://${DEMO_SHOP}/pages/privacy-policy`;
    const editor = await document("/app/policy/edit");
    expect(editor).toContain(live);
    expect(editor).toContain(`https://${DEMO_SHOP}/admin/themes/current/editor?previewPath=%2Fpages%2Fprivacy-policy`);
    expect(editor).toContain("ストアで表示");
    const versions = await document("/app/policy");
    expect(versions).toContain(live);
    expect(versions).toContain("ストアで表示");
    // The other shop's pages know nothing of it.
    expect(await document("/app/policy", OTHER_SHOP)).not.toContain("/pages/privacy-policy");
  });
});
