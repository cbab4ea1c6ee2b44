// The requests desk in Chromium against the built server: the embedded admin document loads with
// App Bridge's CDN script answered by the local stub, then list → request → refusal behind its
// confirmation modal → the notice to the shopper, shown for copying because SMTP is not set up.
// Any page error or console error fails the test. Screenshots go to tests/output/screenshots/.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest, STOP_USE_TAG } from "../../app/privacy/requests";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../support/fixtures";
import { launchChromium, openEmbeddedAdminPage, waitForHydration } from "../support/browser";

const SHOP = "desk-browser.myshopify.com";
const screenshots = path.join(outputDir, "screenshots");

describe("requests desk in the browser", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let standIn: AdminApiStandIn;
  let targetId: string;
  let targetReference: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "deskbrowser");
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
    });
    const names = ["佐藤 花子", "鈴木 一郎", "高橋 美咲"];
    for (const [index, customerName] of names.entries()) {
      const created = await createPrivacyRequest(
        database.db,
        {
          shop: SHOP,
          type: index === 0 ? "disclosure" : "inquiry",
          source: index === 0 ? "storefront" : "staff_phone",
          customerName,
          email: `shopper${index}@example.jp`,
          message: "保有個人データの開示をお願いします。",
        },
        "test",
      );
      if (index === 0) {
        targetId = created.id;
        targetReference = created.reference;
      }
    }
    // The Shopify actions run against the stand-in's demo shop.
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  const openPage = (shop = SHOP): Promise<Page> => openEmbeddedAdminPage(browser, shop, problems);

  it("walks list → request → refusal → notice", async () => {
    const page = await openPage();
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" };
    await page.goto(embeddedAppUrl(app.url, "/app/requests", token));
    await page.getByText(targetReference).waitFor({ timeout: 30_000 });
    expect(await page.locator(".Polaris-IndexTable__TableRow").count()).toBe(3);
    await page.screenshot({ path: path.join(screenshots, "desk-1-list.png"), fullPage: true });

    // Search narrows the list to one request.
    await page.getByPlaceholder("受付番号・メールアドレス・氏名で検索").fill("佐藤");
    await page.waitForFunction(() => document.querySelectorAll(".Polaris-IndexTable__TableRow").length === 1, null, { timeout: 15_000 });

    await page.getByText(targetReference).click();
    await page.waitForURL(new RegExp(`/app/requests/${targetId}`), { timeout: 15_000 });
    await page.getByRole("heading", { name: "タイムライン" }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "desk-2-request.png"), fullPage: true });

    // Refusal: choose the ground, explain, confirm in the modal.
    await page.getByRole("button", { name: "対応しない（不開示等）" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("理由となる根拠").selectOption("identity_not_confirmed");
    await dialog.getByLabel("説明（お客様への通知に記載されます）").fill("ご本人確認書類をお送りいただけなかったため、ご本人であることを確認できませんでした。");
    await page.screenshot({ path: path.join(screenshots, "desk-3-refuse-modal.png") });
    await dialog.getByRole("button", { name: "対応しない（不開示等）" }).click();

    // The toast, the new status and the refusal notice with its text to copy.
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "不対応として通知しました" }).waitFor({ timeout: 15_000 });
    await page.locator(".Polaris-Badge").filter({ hasText: "不対応" }).first().waitFor();
    await page.getByText("メール送信（SMTP）が設定されていないため").waitFor();
    const previews = page.locator("[data-notice-preview]");
    await expect.poll(async () => (await previews.allTextContents()).join("\n"), { timeout: 15_000 }).toContain("ご本人確認書類をお送りいただけなかった");
    await page.screenshot({ path: path.join(screenshots, "desk-4-notice.png"), fullPage: true });

    const stored = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: targetId } });
    expect(stored.status).toBe("refused");
    expect(stored.refusalGround).toBe("identity_not_confirmed");
    const events = await database.db.requestEvent.findMany({ where: { requestId: targetId, action: "refused" } });
    expect(events.map((event) => event.actor)).toEqual(["staff:9001"]);
    expect(problems).toEqual([]);
  });

  it("exports the filtered list from the title bar, without the page's cursor", async () => {
    const page = await openPage();
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" };
    await page.goto(embeddedAppUrl(app.url, "/app/requests?type=inquiry&after=bogus", token));
    const titleBar = page.locator("[data-app-bridge-title-bar]");
    // The title bar's copy clicks the page's own button, which only acts once React has hydrated it.
    await waitForHydration(page.getByText("鈴木 一郎").first());
    const [download, exported] = await Promise.all([
      page.waitForEvent("download", { timeout: 15_000 }),
      page.waitForRequest((request) => request.url().includes("/app/requests/export")),
      titleBar.locator(".abs-button", { hasText: "CSV をエクスポート" }).click(),
    ]);
    const query = new URL(exported.url()).searchParams;
    expect([query.get("type"), query.get("locale"), query.get("form"), query.get("after")]).toEqual(["inquiry", "ja", null, null]);
    expect(download.suggestedFilename()).toMatch(/^privacy-requests-.+\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("鈴木 一郎");
    expect(csv).not.toContain(targetReference);
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "CSV をダウンロードしました" }).waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
  });

  it("shows the dashboard with its chart and the settings page", async () => {
    const page = await openPage();
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" };
    await page.goto(embeddedAppUrl(app.url, "/app", token));
    await page.locator('svg[role="img"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('svg[role="img"] rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, "desk-5-dashboard.png"), fullPage: true });

    await page.goto(embeddedAppUrl(app.url, "/app/settings", token));
    const name = page.getByLabel("事業者名");
    await waitForHydration(name);
    await name.fill("株式会社キュイ");
    await page.getByLabel("担当者への通知の言語").selectOption("en");
    await page.locator("[data-app-bridge-save-bar]").waitFor();
    await page.screenshot({ path: path.join(screenshots, "desk-6-settings.png"), fullPage: true });
    await page.locator("[data-app-bridge-save-bar]").getByRole("button", { name: "保存" }).click();
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "設定を保存しました" }).waitFor({ timeout: 15_000 });
    const saved = await database.db.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(saved.businessName).toBe("株式会社キュイ");
    expect(saved.staffNoticeLanguage).toBe("en");
    expect(problems).toEqual([]);
  });

  it("records a request taken by phone and opens it", async () => {
    const page = await openPage();
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" };
    await page.goto(embeddedAppUrl(app.url, "/app/requests/new", token));
    await waitForHydration(page.getByLabel("種類"));
    await page.getByLabel("種類").selectOption("correction");
    await page.getByLabel("受付経路").selectOption("staff_post");
    await page.getByLabel("氏名").fill("田中 直樹");
    await page.getByLabel("メールアドレス", { exact: true }).fill("naoki@example.jp");
    await page.getByLabel("訂正後の姓").fill("田中");
    await page.getByLabel("訂正後の電話番号").fill("+81 90 1234 5678");
    await page.getByLabel("代理人・法定代理人からのご請求").check();
    await page.getByLabel("代理人の氏名").fill("田中 花子");
    await page.getByRole("button", { name: "登録", exact: true }).click();
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "リクエストを登録しました" }).waitFor({ timeout: 15_000 });
    await page.getByRole("heading", { name: "訂正の内容" }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "desk-7-new-request.png"), fullPage: true });
    const created = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, email: "naoki@example.jp" } });
    expect(created.source).toBe("staff_post");
    expect(created.isAgent).toBe(true);
    expect(JSON.parse(created.requestedChanges)).toEqual({ lastName: "田中", phone: "+81 90 1234 5678" });
    expect(problems).toEqual([]);
  });

  it("downloads the customer's data through the token-carrying fetch and stops use through the modal", async () => {
    const customer = [...standIn.state.shop(DEMO_SHOP).customers.values()].find((c) => c.id !== BUSY_CUSTOMER_ID && c.email && c.phone)!;
    const request = await createPrivacyRequest(
      database.db,
      {
        shop: DEMO_SHOP,
        type: "stop_use",
        source: "shopify",
        customerName: `${customer.lastName} ${customer.firstName}`,
        email: customer.email!,
        shopifyCustomerId: String(customer.id),
        identity: { method: "shopify_customer_login", verifiedAt: new Date() },
      },
      "test",
    );
    const page = await openPage(DEMO_SHOP);
    const token = { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" };
    await page.goto(embeddedAppUrl(app.url, `/app/requests/${request.id}`, token));
    await page.getByRole("heading", { name: "利用停止", exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText("今日依頼した場合の削除予定日").waitFor();
    await page.getByText("Shopify のお客様アカウントでのログインで確認", { exact: false }).waitFor();

    // The download is fetched with the session token and saved from a blob, as inside the admin iframe.
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 15_000 }), page.getByRole("button", { name: "JSON" }).click()]);
    expect(download.suggestedFilename()).toBe(`customer-${customer.id}-data.json`);
    expect(readFileSync((await download.path())!, "utf8")).toContain(request.reference);

    await page.getByRole("button", { name: "マーケティングの利用を停止" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await page.screenshot({ path: path.join(screenshots, "desk-8-stop-use-modal.png") });
    await dialog.getByRole("button", { name: "マーケティングの利用を停止" }).click();
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "利用を停止しました" }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(screenshots, "desk-9-stop-use-done.png"), fullPage: true });

    const after = standIn.state.customer(DEMO_SHOP, customer.id)!;
    expect(after.emailMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");
    expect(after.tags).toContain(STOP_USE_TAG);
    const events = await database.db.requestEvent.findMany({ where: { shop: DEMO_SHOP, requestId: request.id, action: "stop_use_applied" } });
    expect(events.map((event) => event.actor)).toEqual(["staff:9001"]);
    expect(problems).toEqual([]);
  });
});
