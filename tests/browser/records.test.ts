// The records pages in Chromium against the built server: seed Shopify into the processor register
// and read the generated foreign-country statement, then record a breach and see its deadlines.
// Any page or console error fails the test. Screenshots go to tests/output/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { launchChromium, openEmbeddedAdminPage } from "../support/browser";

const SHOP = "records-browser.myshopify.com";
const screenshots = path.join(outputDir, "screenshots");

describe("records in the browser", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "recordsbrowser");
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
    });
    await database.db.provisionRecord.create({
      data: {
        shop: SHOP,
        direction: "provided",
        firstProvidedAt: new Date("2024-01-10T01:00:00Z"),
        lastProvidedAt: new Date("2024-01-10T01:00:00Z"),
        counterpartyName: "株式会社ギフト便",
        subjectLabel: "佐藤 花子",
        items: JSON.stringify(["氏名", "住所"]),
        basis: "consent",
        // Within 60 days: the ledger warns that it is about to be purged.
        retentionEndsAt: new Date(Date.now() + 20 * 24 * 60 * 60 * 1000),
      },
    });
    app = await startApp({ database });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.drop();
  });

  const openPage = (): Promise<Page> => openEmbeddedAdminPage(browser, SHOP, problems);

  it("shows the ledger with its retention warning, seeds Shopify and records a breach with its deadlines", async () => {
    const page = await openPage();
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" };
    await page.goto(embeddedAppUrl(app.url, "/app/records", token));
    await page.getByText("株式会社ギフト便").waitFor({ timeout: 30_000 });
    await page.getByText("まもなく保存期間が終わる記録").waitFor();
    await page.screenshot({ path: path.join(screenshots, "records-1-ledger.png"), fullPage: true });

    await page.getByRole("tab", { name: "委託先・外国移転" }).click();
    await page.getByRole("button", { name: "Shopify を登録" }).first().click();
    await page.getByText("Shopify International Limited / Shopify Inc.", { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator("textarea[readonly]").inputValue()).toContain("カナダ");
    await page.screenshot({ path: path.join(screenshots, "records-2-processors.png"), fullPage: true });

    await page.getByRole("tab", { name: "漏えい等の事案" }).click();
    await page.getByRole("link", { name: "事案を記録" }).first().click();
    await page.getByLabel("件名").waitFor({ timeout: 15_000 });
    await page.getByLabel("件名").fill("Webスキミングによるカード情報の漏えい");
    await page.getByLabel("発覚日時（知った時点）").fill("2026-12-25T10:00");
    await page.getByLabel("本人の数", { exact: true }).fill("1200");
    await page.getByLabel("不正の目的によるおそれがある（不正アクセス、Webスキミング等を含む）").check();
    await page.getByRole("button", { name: "保存" }).first().click();
    await page.getByRole("heading", { name: "期限" }).waitFor({ timeout: 15_000 });
    // Day 5 from 12/25 is 12/29: the year-end closure moves it to Monday 4 January.
    await page.getByText("2027年1月4日(月)").first().waitFor();
    await page.screenshot({ path: path.join(screenshots, "records-3-breach.png"), fullPage: true });

    const incident = await database.db.breachIncident.findFirstOrThrow({ where: { shop: SHOP } });
    expect(incident.triggerOverThousand).toBe(true);
    expect(problems).toEqual([]);
  });

  // Deleting a record the law asks to keep, or a register entry the policy is written from, is
  // asked first, in a modal whose button says what it does; cancelling keeps the record.
  it.each([
    ["ja", { width: 390, height: 844 }, { delete: "記録を削除", processor: "委託先を削除", cancel: "キャンセル", retention: "法律により", title: "この記録を削除しますか？" }],
    ["en", { width: 1440, height: 1000 }, { delete: "Delete record", processor: "Delete processor", cancel: "Cancel", retention: "The law requires", title: "Delete this record?" }],
  ] as const)("asks before deleting a provision record or a processor (%s)", async (locale, viewport, w) => {
    const record = await database.db.provisionRecord.create({
      data: {
        shop: SHOP,
        direction: "provided",
        firstProvidedAt: new Date("2025-03-01T01:00:00Z"),
        lastProvidedAt: new Date("2025-03-01T01:00:00Z"),
        counterpartyName: `配送センター ${locale}`,
        items: JSON.stringify(["氏名"]),
        basis: "consent",
        retentionEndsAt: new Date("2028-03-01T00:00:00Z"),
      },
    });
    const page = await openPage();
    await page.setViewportSize(viewport);
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale };
    await page.goto(embeddedAppUrl(app.url, `/app/records/provisions/${record.id}`, token));
    const titleBar = page.locator("[data-app-bridge-title-bar]");
    await titleBar.getByRole("button", { name: w.delete, exact: true }).click({ timeout: 30_000 });
    const dialog = page.getByRole("dialog");
    await dialog.getByText(w.title).waitFor();
    await dialog.getByText(`配送センター ${locale}`, { exact: false }).waitFor();
    await dialog.getByText(w.retention, { exact: false }).waitFor();
    await page.screenshot({ path: path.join(screenshots, `records-4-delete-confirm-${locale}.png`), fullPage: true });
    await dialog.getByRole("button", { name: w.cancel, exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await database.db.provisionRecord.count({ where: { id: record.id } })).toBe(1);

    await titleBar.getByRole("button", { name: w.delete, exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: w.delete, exact: true }).click();
    await page.waitForURL(/\/app\/records\?tab=provided/, { timeout: 15_000 });
    await expect.poll(() => database.db.provisionRecord.count({ where: { id: record.id } })).toBe(0);

    const processor = await database.db.processor.findFirstOrThrow({ where: { shop: SHOP } });
    await page.goto(embeddedAppUrl(app.url, `/app/records/processors/${processor.id}`, token));
    await titleBar.getByRole("button", { name: w.processor, exact: true }).click({ timeout: 30_000 });
    await page.getByRole("dialog").getByText(processor.name, { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(screenshots, `records-5-processor-delete-confirm-${locale}.png`), fullPage: true });
    await page.getByRole("dialog").getByRole("button", { name: w.cancel, exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await database.db.processor.count({ where: { id: processor.id } })).toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  });

  // A record that is gone (deleted in another tab, a stale link) or another shop's: the page says what
  // happened in words of its own, not the heading twice, and its button says where it leads.
  it.each([
    ["ja", { width: 390, height: 844 }, { heading: "見つかりません", body: "この記録は存在しないか、このストアのものではありません。", back: "記録の一覧へ" }],
    ["en", { width: 1440, height: 1000 }, { heading: "Not found", body: "This record does not exist or belongs to another store.", back: "Back to records" }],
  ] as const)("answers a record that is not there with the way back to the records (%s)", async (locale, viewport, w) => {
    // The missing page's own 404 is reported by Chromium as a console error; nothing else may be.
    const seen: string[] = [];
    const page = await openEmbeddedAdminPage(browser, SHOP, seen);
    await page.setViewportSize(viewport);
    const token = { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale };
    for (const kind of ["processors", "provisions", "breaches"]) {
      await page.goto(embeddedAppUrl(app.url, `/app/records/${kind}/no-such-record`, token));
      await page.getByRole("heading", { name: w.heading }).waitFor({ timeout: 30_000 });
      await page.getByText(w.body, { exact: true }).waitFor();
      const back = page.getByRole("link", { name: w.back, exact: true });
      expect(new URL((await back.getAttribute("href"))!, app.url).pathname).toBe("/app/records");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    }
    await page.screenshot({ path: path.join(screenshots, `records-6-not-found-${locale}.png`), fullPage: true });
    await page.close();
    expect(seen.filter((line) => !line.includes("status of 404"))).toEqual([]);
  });

  // After the app is uninstalled (the offline session is gone) with Shopify out of reach, the next
  // page staff open from the admin's menu says so in a designed page, never the library's bare answer.
  it.each([
    ["ja", { width: 390, height: 844 }, { policy: "プライバシーポリシー", records: "記録", title: "Privacy Desk を開けませんでした", reload: "再読み込み" }],
    ["en", { width: 1440, height: 1000 }, { policy: "Privacy policy", records: "Records", title: "Privacy Desk could not be opened", reload: "Reload" }],
  ] as const)("shows the designed page when a page is opened after the app is uninstalled (%s)", async (locale, viewport, w) => {
    const page = await openPage();
    await page.setViewportSize(viewport);
    await page.goto(embeddedAppUrl(app.url, "/app/records", { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
    await page.locator("[data-app-bridge-title-bar] h1").waitFor({ timeout: 30_000 });
    const session = await database.db.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    await database.db.session.delete({ where: { id: session.id } });
    try {
      // The admin's sidebar entries, as Shopify admin follows them inside the app.
      const follow = (href: string) => page.evaluate((target) => (document.querySelector(`ui-nav-menu a[href="${target}"]`) as HTMLAnchorElement).click(), href);
      for (const [href, file] of [["/app/policy", "policy"], ["/app/records", "records"]] as const) {
        await follow(href);
        await page.getByRole("heading", { name: w.title }).waitFor({ timeout: 15_000 });
        await page.getByRole("button", { name: w.reload }).waitFor();
        expect(await page.locator("body").innerText()).not.toContain("Handling response");
        await page.screenshot({ path: path.join(screenshots, `records-6-unavailable-${file}-${locale}.png`), fullPage: true });
      }
    } finally {
      await database.db.session.create({ data: session });
    }
    await page.close();
    // The failed page loads are the browser's console errors of this test; nothing else went wrong.
    const unexpected = problems.filter((problem) => !/status of 50\d/.test(problem));
    problems.length = 0;
    expect(unexpected).toEqual([]);
  });
});
