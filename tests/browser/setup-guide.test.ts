// The dashboard's setup guide for a new shop (issue 13, point 10), in Chromium against the built
// server: five steps in order, the theme editor deep links in Shopify's documented forms (app embed
// activated in the App embeds panel; app blocks added to a new section), steps the merchant marks
// done, a test message through the shop's SMTP server, and the guide gone once everything is done.
// Screenshots in ja and en and at 390×844.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { launchChromium, openEmbeddedAdminPage } from "../support/browser";
import { startSmtpCatcher } from "../integration/requests/smtpCatcher";
import { seedShopifyProcessors } from "../../app/privacy/records/processors";

const SHOP = "setup-guide.myshopify.com";
const OTHER = "setup-guide-en.myshopify.com";
const screenshots = path.join(outputDir, "screenshots");

describe("the dashboard's setup guide in the browser", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "setupguide");
    smtp = await startSmtpCatcher();
    for (const shop of [SHOP, OTHER]) {
      await database.db.session.create({
        data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
      });
      await seedShopifyProcessors(database.db, shop, "system");
    }
    await database.db.shopSettings.create({
      data: { shop: SHOP, contactEmail: "owner@example.jp", staffNotifyEmail: "staff@example.jp", smtpHost: "127.0.0.1", smtpPort: smtp.port, mailFrom: "desk@example.jp" },
    });
    app = await startApp({ database });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
    await database?.drop();
  });

  const open = async (shop: string, locale: "ja" | "en", phone = false): Promise<Page> => {
    const page = await openEmbeddedAdminPage(browser, shop, problems);
    if (phone) await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(embeddedAppUrl(app.url, "/app", { shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
    await page.locator("[data-setup-step]").first().waitFor({ timeout: 30_000 });
    return page;
  };

  it("lists the five steps with deep links into the theme editor, marks the merchant's steps and sends a test message (ja)", async () => {
    const page = await open(SHOP, "ja");
    expect(await page.locator("[data-setup-step]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-setup-step")))).toEqual([
      "policy",
      "register",
      "theme",
      "mail",
      "deadlines",
    ]);
    await page.getByText("5件中1件完了").waitFor();
    const href = (name: string) => page.getByRole("link", { name }).getAttribute("href");
    expect(await href("同意バナーを有効にする")).toBe(`https://${SHOP}/admin/themes/current/editor?context=apps&activateAppId=${TEST_API_KEY}%2Fconsent-banner`);
    expect(await href("ポリシーのブロックを追加")).toBe(`https://${SHOP}/admin/themes/current/editor?template=page&addAppBlockId=${TEST_API_KEY}%2Fprivacy-policy&target=newAppsSection`);
    expect(await href("ご請求フォームのブロックを追加")).toBe(`https://${SHOP}/admin/themes/current/editor?template=page&addAppBlockId=${TEST_API_KEY}%2Frequest-form&target=newAppsSection`);
    expect(await page.getByRole("link", { name: "同意バナーを有効にする" }).getAttribute("target")).toBe("_top");
    await page.screenshot({ path: path.join(screenshots, "setup-1-guide-ja.png"), fullPage: true });

    await page.locator('[data-setup-step="theme"]').getByRole("button", { name: "済みにする" }).click();
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "済みにしました" }).waitFor({ timeout: 15_000 });
    await page.getByText("5件中2件完了").waitFor();

    await page.getByRole("button", { name: "テスト送信" }).click();
    await page.locator("[data-app-bridge-toast]").filter({ hasText: "staff@example.jp にテストメールを送りました" }).waitFor({ timeout: 15_000 });
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual([[["staff@example.jp"], "【Privacy Desk】テスト送信"]]);
    await page.screenshot({ path: path.join(screenshots, "setup-2-marked-ja.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows the guide in English and on a phone", async () => {
    const page = await open(OTHER, "en");
    await page.getByText("Get started: make the app ready for your store").waitFor();
    await page.getByText("0 of 5 done").waitFor();
    await page.screenshot({ path: path.join(screenshots, "setup-3-guide-en.png"), fullPage: true });
    const phone = await open(OTHER, "ja", true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(screenshots, "setup-4-guide-ja-phone.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("is gone once every step is done", async () => {
    await database.db.policyVersion.create({
      data: { shop: SHOP, version: 1, content: "{}", contentHash: "x", publishedBy: "staff:1" },
    });
    const steps = { register: new Date().toISOString(), theme: new Date().toISOString(), deadlines: new Date().toISOString() };
    await database.db.shopSettings.update({ where: { shop: SHOP }, data: { setupSteps: JSON.stringify(steps) } });
    const page = await openEmbeddedAdminPage(browser, SHOP, problems);
    await page.goto(embeddedAppUrl(app.url, "/app", { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" }));
    await page.locator("[data-app-bridge-title-bar] h1").waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    expect(await page.locator("[data-setup-step]").count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
