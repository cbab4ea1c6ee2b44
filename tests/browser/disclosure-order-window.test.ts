// The request page in Chromium once the app's worker has built a disclosure package for a shop
// that has not been granted read_all_orders: staff see that it holds only the last 60 days of
// orders, in Japanese and in English, at desktop and phone width, with no page errors. Then, once
// completed, how the package reaches the person (the link's downloads, or the paper checklist) and
// the letter itself.
// Screenshots go to tests/output/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { disclosureJobStatus, startDisclosureJob } from "../../app/privacy/disclosure/disclosureJob";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { changeRequestStatus, completeRequest } from "../../app/privacy/requests/lifecycle";
import { deliverPackage } from "../../app/privacy/disclosure/delivery";
import { latestDisclosurePackage, letterContext, packageHtml, DISCLOSURE_JOB } from "../../app/privacy/disclosure";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { launchChromium, openEmbeddedAdminPage } from "../support/browser";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, demoFixtureShop, FIXTURE_ACCESS_TOKEN, requestedScopes, shopWithOrderWindow } from "../support/fixtures";
import { embeddedAppUrl } from "../support/sessionToken";

const screenshots = path.join(outputDir, "screenshots");

describe("the request page when a package holds only 60 days of orders", () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  let browser: Browser;
  let requestId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "windowbrowser");
    const shop = shopWithOrderWindow(demoFixtureShop(), BUSY_CUSTOMER_ID, 590);
    standIn = await startAdminApiStandIn({ shops: [{ ...shop, grantedScopes: requestedScopes() }] });
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url, env: { JOB_WORKER_POLL_MS: "200" } });
    const request = await createPrivacyRequest(
      database.db,
      {
        shop: DEMO_SHOP,
        type: "disclosure",
        source: "storefront",
        customerName: "佐藤 花子",
        email: "window-browser@example.jp",
        shopifyCustomerId: String(BUSY_CUSTOMER_ID),
        identity: { method: "shopify_customer_login", verifiedAt: new Date() },
      },
      "shopper",
    );
    requestId = request.id;
    await changeRequestStatus(database.db, DEMO_SHOP, request.id, "in_progress", "staff:test");
    await startDisclosureJob(database.db, DEMO_SHOP, request.id, "staff:test");
    const deadline = Date.now() + 60_000;
    while ((await disclosureJobStatus(database.db, DEMO_SHOP, request.id))?.status !== "done") {
      if (Date.now() > deadline) throw new Error(`the package was not built:\n${app.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  for (const [locale, text, width] of [
    ["ja", "このデータに含まれる注文は直近60日分", 1440],
    ["ja", "このデータに含まれる注文は直近60日分", 390],
    ["en", "This package holds only the last 60 days of orders", 1440],
  ] as const) {
    it(`warns staff in ${locale} at ${width} px`, async () => {
      const page = await openEmbeddedAdminPage(browser, DEMO_SHOP, problems);
      if (width < 1000) await page.setViewportSize({ width, height: 844 });
      await page.goto(embeddedAppUrl(app.url, `/app/requests/${requestId}`, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
      const banner = page.locator(".Polaris-Banner", { hasText: text });
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.isVisible()).toBe(true);
      // The window's first day, as a date (no ISO timestamp), and the counts: 9 of 600 orders.
      expect(await banner.innerText()).toMatch(locale === "ja" ? /\d{4}\/\d{1,2}\/\d{1,2}以降）のみです。Shopify にあるこの顧客の注文 600 件のうち 9 件です。/ : /since \d{1,2} \w{3} \d{4}\): 9 of the 600 orders/);
      await banner.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, `disclosure-order-window-${locale}-${width}.png`), fullPage: width < 1000 });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("after completion shows how the package reaches the person, and the letter reads as one (ja, en, 390 px)", async () => {
    const db = database.db;
    await db.shopSettings.upsert({
      where: { shop: DEMO_SHOP },
      create: { shop: DEMO_SHOP, businessName: "qui pearl project", businessAddress: "兵庫県神戸市中央区加納町", representative: "真珠 太郎", contactEmail: "support@quipearljewelry.com", contactPhone: "078-303-1150" },
      update: { businessName: "qui pearl project", businessAddress: "兵庫県神戸市中央区加納町", representative: "真珠 太郎", contactEmail: "support@quipearljewelry.com", contactPhone: "078-303-1150" },
    });
    await completeRequest(db, DEMO_SHOP, requestId, "staff:test");
    expect(await deliverPackage(db, { shop: DEMO_SHOP, requestId, format: "html", via: "customer_account" })).not.toBeNull();
    // A paper request of the same person, completed with the same package.
    const paper = await createPrivacyRequest(
      db,
      { shop: DEMO_SHOP, type: "disclosure", source: "staff_post", customerName: "佐藤 花子", email: "window-browser@example.jp", deliveryMethod: "paper", shopifyCustomerId: String(BUSY_CUSTOMER_ID), identity: { method: "staff_document", verifiedAt: new Date() } },
      "staff:test",
    );
    await changeRequestStatus(db, DEMO_SHOP, paper.id, "in_progress", "staff:test");
    const built = await db.job.findFirstOrThrow({ where: { requestId, kind: DISCLOSURE_JOB, status: "done" } });
    await db.job.create({ data: { shop: DEMO_SHOP, kind: DISCLOSURE_JOB, requestId: paper.id, status: "done", result: built.result } });
    await completeRequest(db, DEMO_SHOP, paper.id, "staff:test");

    for (const [locale, width] of [["ja", 1440], ["ja", 390], ["en", 1440]] as const) {
      for (const [id, text, name] of [
        [requestId, locale === "ja" ? "お客様がダウンロードしました" : "The customer downloaded it", "link"],
        [paper.id, locale === "ja" ? "送付を記録" : "Record sending", "paper"],
      ] as const) {
        const page = await openEmbeddedAdminPage(browser, DEMO_SHOP, problems);
        if (width < 1000) await page.setViewportSize({ width, height: 844 });
        await page.goto(embeddedAppUrl(app.url, `/app/requests/${id}`, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
        const card = page.locator("[data-delivery-card]", { hasText: locale === "ja" ? "開示データのお渡し" : "Delivery of the disclosure" });
        await card.waitFor({ timeout: 30_000 });
        expect(await card.innerText()).toContain(text);
        expect(await card.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T|electronic|paper|undefined/);
        await card.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(screenshots, `delivery-${name}-${locale}-${width}.png`) });
        expect(problems).toEqual([]);
        await page.close();
      }
    }

    const pkg = (await latestDisclosurePackage(db, DEMO_SHOP, paper.id))!;
    const context = await letterContext(db, DEMO_SHOP, paper.id);
    for (const [locale, width] of [["ja", 1280], ["ja", 390], ["en", 390]] as const) {
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      await page.setContent(packageHtml({ ...pkg, language: locale }, context));
      const text = await page.locator("body").innerText();
      expect(text).toContain(locale === "ja" ? "佐藤" : "Dear");
      // The request's own method (paper), not the one the copied package was built with.
      expect(text).toContain(locale === "ja" ? "書面（郵送）" : "Paper, by post");
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|gid:\/\/|SUBSCRIBED/);
      await page.screenshot({ path: path.join(screenshots, `disclosure-letter-${locale}-${width}.png`), fullPage: width >= 1000 });
      await page.close();
    }
  }, 120_000);
});
