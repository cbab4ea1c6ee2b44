// The refusal dialog offers only the grounds that fit the request (a correction: APPI 34's), and an
// inquiry has no refusal at all: in Japanese on a desktop and in English on a phone (390×844).
// Screenshots go to tests/output/screenshots/.
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

const SHOP = "refusal-browser.myshopify.com";
const screenshots = path.join(outputDir, "screenshots");

describe("refusal grounds in the request page", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  const problems: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "refusalbrowser");
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
    });
    for (const type of ["correction", "stop_use", "inquiry"] as const) {
      const created = await createPrivacyRequest(
        database.db,
        { shop: SHOP, type, source: "storefront", customerName: "佐藤 花子", email: `${type}@example.jp`, message: "よろしくお願いします。" },
        "test",
      );
      ids[type] = created.id;
    }
    app = await startApp({ database });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.drop();
  });

  const open = async (id: string, locale: "ja" | "en", viewport = { width: 1440, height: 1000 }) => {
    const page = await openEmbeddedAdminPage(browser, SHOP, problems);
    await page.setViewportSize(viewport);
    await page.goto(embeddedAppUrl(app.url, `/app/requests/${id}`, { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
    return page;
  };

  it("offers a correction only APPI 34's grounds (Japanese, desktop)", async () => {
    const page = await open(ids.correction, "ja");
    await page.getByRole("button", { name: "対応しない（不開示等）" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ timeout: 30_000 });
    const options = await dialog.getByLabel("理由となる根拠").locator("option").allTextContents();
    expect(options).toEqual(["内容が事実と異なると確認できない（法34条）", "利用目的の達成に必要な範囲を超える（法34条）", expect.stringContaining("本人確認ができない")]);
    await page.screenshot({ path: path.join(screenshots, "refusal-1-correction-ja.png") });
    expect(problems).toEqual([]);
  });

  it("asks for the measure taken instead when stop use is declined for cost (English, phone)", async () => {
    const page = await open(ids.stop_use, "en", { width: 390, height: 844 });
    await page.getByRole("button", { name: "Refuse" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByLabel("Ground").selectOption("alternative_measure");
    await dialog.getByLabel("The measure taken instead (included in the notice to the shopper)").fill("We removed you from every mailing list.");
    await dialog.getByLabel("Explanation (included in the notice to the shopper)").fill("Our order archive cannot be edited record by record.");
    await page.screenshot({ path: path.join(screenshots, "refusal-2-stop-use-en-phone.png") });
    await dialog.getByRole("button", { name: "Refuse" }).click();
    await page.locator("[data-app-bridge-toast]").waitFor({ timeout: 15_000 });
    const stored = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: ids.stop_use } });
    expect(stored.refusalGround).toBe("alternative_measure");
    const mail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: ids.stop_use, kind: "refusal" } });
    expect(mail.body).toContain("We removed you from every mailing list.");
    expect(problems).toEqual([]);
  });

  it("has no refusal for an inquiry: it is answered", async () => {
    for (const locale of ["ja", "en"] as const) {
      const page = await open(ids.inquiry, locale);
      await page.getByRole("button", { name: locale === "ja" ? "状況を変更" : "Change status" }).first().waitFor({ timeout: 30_000 });
      expect(await page.getByRole("button", { name: locale === "ja" ? "対応しない（不開示等）" : "Refuse" }).count()).toBe(0);
      await page.screenshot({ path: path.join(screenshots, `refusal-3-inquiry-${locale}.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
  });
});
