// Every admin page as Shopify admin frames it: the title and the page's actions live once, in App
// Bridge's title bar (drawn by the stub), never again in a Polaris page header; the requests list
// counts its results and condenses to one column per request on a phone. Screenshots in ja and en,
// desktop and 390×844, go to tests/output/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest } from "../../app/privacy/requests";
import { launchChromium, openEmbeddedAdminPage } from "../support/browser";

const SHOP = "chrome-browser.myshopify.com";
const screenshots = path.join(outputDir, "screenshots");

describe("admin page chrome in the browser", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let requestId = "";
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "chromebrowser");
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
    });
    for (const [index, customerName] of ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "Emma Clarke"].entries()) {
      const created = await createPrivacyRequest(
        database.db,
        { shop: SHOP, type: index % 2 ? "inquiry" : "disclosure", source: "storefront", customerName, email: `chrome${index}@example.jp` },
        "test",
      );
      requestId ||= created.id;
    }
    app = await startApp({ database });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.drop();
  });

  const open = async (appPath: string, locale: "ja" | "en", viewport = { width: 1440, height: 1000 }) => {
    const page = await openEmbeddedAdminPage(browser, SHOP, problems);
    await page.setViewportSize(viewport);
    await page.goto(embeddedAppUrl(app.url, appPath, { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
    await page.locator("[data-app-bridge-title-bar] h1").waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    return page;
  };

  const pages = () => [
    { path: "/app", title: { ja: "ダッシュボード", en: "Dashboard" } },
    { path: "/app/requests", title: { ja: "リクエスト", en: "Requests" } },
    { path: `/app/requests/${requestId}`, title: { ja: "PD-", en: "PD-" } },
    { path: "/app/requests/new", title: { ja: "リクエストを登録", en: "Add request" } },
    { path: "/app/consent", title: { ja: "同意記録", en: "Consent" } },
    { path: "/app/policy", title: { ja: "プライバシーポリシー", en: "Privacy policy" } },
    { path: "/app/policy/edit", title: { ja: "ポリシー", en: "policy" } },
    { path: "/app/records", title: { ja: "記録", en: "Records" } },
    { path: "/app/records/provisions/new", title: { ja: "第三者提供記録を追加", en: "New third-party provision record" } },
    { path: "/app/records/processors/new", title: { ja: "委託先を追加", en: "New processor" } },
    { path: "/app/records/breaches/new", title: { ja: "漏えい等の事案を記録", en: "Record a breach" } },
    { path: "/app/settings", title: { ja: "設定", en: "Settings" } },
    { path: "/app/events", title: { ja: "Shopify イベント", en: "Shopify events" } },
  ];

  it.each(["ja", "en"] as const)("shows each page's title and actions once, in the title bar (%s)", async (locale) => {
    for (const entry of pages()) {
      const page = await open(entry.path, locale);
      const title = (await page.locator("[data-app-bridge-title-bar] h1").textContent()) ?? "";
      expect(title, entry.path).toContain(entry.title[locale]);
      // No Polaris page header with a title or actions of its own.
      expect(await page.locator(".Polaris-Page-Header .Polaris-Header-Title").count(), entry.path).toBe(0);
      expect(await page.locator(".Polaris-Page-Header .Polaris-Button").count(), entry.path).toBe(0);
      // Each title-bar action appears once on the page: its stub copy, nothing in the page itself.
      const actions = await page.locator("[data-app-bridge-title-bar] .abs-button:not(.abs-breadcrumb)").allTextContents();
      for (const label of actions) {
        const inPage = page.locator("body > :not([data-app-bridge-stub])").getByRole("button", { name: label, exact: true });
        const visible = await inPage.evaluateAll((nodes) => nodes.filter((node) => (node as HTMLElement).offsetParent !== null).length);
        expect(visible, `${entry.path}: "${label}" again in the page`).toBe(0);
      }
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ["ja", "4件のリクエスト"],
    ["en", "4 requests"],
  ] as const)("counts the requests and condenses the list on a phone (%s)", async (locale, count) => {
    const desktop = await open("/app/requests", locale);
    await desktop.getByText(count, { exact: true }).waitFor();
    expect(await desktop.locator(".Polaris-IndexTable__TableHeading").count()).toBeGreaterThan(5);
    await desktop.screenshot({ path: path.join(screenshots, `chrome-requests-${locale}.png`), fullPage: true });
    await desktop.close();

    const phone = await open("/app/requests", locale, { width: 390, height: 844 });
    await phone.getByText(count, { exact: true }).waitFor();
    // Condensed: one stacked entry per request, no table headings to scroll past.
    await phone.locator(".Polaris-IndexTable__CondensedList").waitFor();
    expect(await phone.locator(".Polaris-IndexTable__CondensedList > *").count()).toBe(4);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(screenshots, `chrome-requests-${locale}-phone.png`), fullPage: true });
    await phone.close();
    expect(problems).toEqual([]);
  });
});
