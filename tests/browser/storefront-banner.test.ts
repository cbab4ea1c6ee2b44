// The consent banner app embed in Chromium on the sandbox storefront, as an anonymous visitor:
// the choice goes to Shopify's Customer Privacy API (the sandbox's stand-in,
// sandbox/public/customer-privacy.js, which keeps it as Shopify does, so the banner does not come
// back after a choice and does not show where the region needs no consent) and to the app, which records it in the ledger under a keyed hash of the random id the banner keeps
// in localStorage; the admin's ledger shows it as an anonymous visitor. With storage blocked the
// banner still works and the app records nothing. Any page or console error fails the test.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { BROWSER_UA } from "../support/app";
import { startSandbox, type RunningSandbox } from "../support/sandbox";
import { DEMO_SHOP } from "../support/fixtures";
import { visitorSubjectKey, VISITOR_ID_PATTERN } from "../../app/privacy/consent/subject";
import { launchChromium } from "../support/browser";
import { THEME } from "../support/themeStandIn";

const screenshots = path.join(outputDir, "screenshots");
const ID_KEY = "privacy-desk-visitor";

type Consent = Record<"analytics" | "marketing" | "preferences" | "sale_of_data", "yes" | "no" | "">;
type ShopifyWindow = { Shopify: { loadFeatures(features: unknown[], callback: (error?: Error) => void): void; customerPrivacy: { currentVisitorConsent(): Consent; shouldShowBanner(): boolean } } };

describe("the consent banner for an anonymous visitor", () => {
  let database: TestDatabase;
  let sandbox: RunningSandbox;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "banner");
    sandbox = await startSandbox(database.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await database?.drop();
  });

  async function openContext(extraInit = ""): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, userAgent: BROWSER_UA });
    if (extraInit) await context.addInitScript(extraInit);
    return context;
  }

  async function openPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    await page.goto(`${sandbox.url}/sandbox/storefront?lang=ja`);
    return page;
  }

  async function openStorefront(context: BrowserContext): Promise<Page> {
    const page = await openPage(context);
    await page.locator("[data-pd-consent]").waitFor({ state: "visible", timeout: 30_000 });
    return page;
  }

  /**
   * Waits until the banner's script has asked the Customer Privacy API whether to show itself:
   * the stand-in answers loadFeatures callbacks in the order they were made, so one made now
   * comes after the banner's.
   */
  async function bannerDecided(page: Page): Promise<boolean> {
    await page.waitForFunction(() => Boolean((window as unknown as Partial<ShopifyWindow>).Shopify?.loadFeatures), undefined, { timeout: 30_000 });
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) =>
          (window as unknown as ShopifyWindow).Shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], (error) => (error ? reject(error) : resolve())),
        ),
    );
    return page.locator("[data-pd-consent]").isVisible();
  }

  const visitorConsent = (page: Page) => page.evaluate(() => (window as unknown as ShopifyWindow).Shopify.customerPrivacy.currentVisitorConsent());

  /** Submits one of the storefront toolbar's controls, which reloads the page. */
  async function useToolbar(page: Page, act: () => Promise<unknown>): Promise<void> {
    await Promise.all([page.waitForNavigation(), act()]);
  }

  /**
   * Clicks a banner button and returns the HTTP status of the app's answer to the banner's report
   * (201 recorded, 202 not recorded). The report is a keepalive fetch, whose response body the
   * browser does not hand to Playwright, so the ledger itself is read instead.
   */
  async function choose(page: Page, button: string): Promise<number> {
    const answer = page.waitForResponse((response) => response.url().includes("/apps/privacy/consent") && response.request().method() === "POST");
    await page.getByRole("button", { name: button }).click();
    const response = await answer;
    await page.locator("[data-pd-consent]").waitFor({ state: "hidden" });
    return response.status();
  }

  const storedId = (page: Page) => page.evaluate((key) => localStorage.getItem(key), ID_KEY);
  const visitorRows = () => database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey: { startsWith: "visitor:" } } });

  it("records the choice under a keyed hash of the banner's id, and the next choice from the same browser under the same subject", async () => {
    const context = await openContext();
    const page = await openStorefront(context);
    expect(await storedId(page)).toBeNull();
    await page.screenshot({ path: path.join(screenshots, "storefront-banner-anonymous.png") });

    expect(await choose(page, "すべて許可")).toBe(201);
    const visitorId = await storedId(page);
    expect(visitorId).toMatch(VISITOR_ID_PATTERN);
    expect(await visitorConsent(page)).toEqual({ analytics: "yes", marketing: "yes", preferences: "yes", sale_of_data: "yes" });
    const subjectKey = visitorSubjectKey(DEMO_SHOP, visitorId!);
    const rows = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey } });
    expect(rows.map((row) => [row.kind, row.granted]).sort()).toEqual([
      ["analytics", true],
      ["marketing", true],
      ["preferences", true],
      ["sale_of_data", true],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ shopifyCustomerId: null, source: "consent_banner", policyVersion: 1, evidence: "storefront consent banner" });
      expect(JSON.stringify(row)).not.toContain(visitorId);
    }

    // Shopify keeps the choice: the banner does not come back on the next page.
    await page.reload();
    expect(await bannerDecided(page)).toBe(false);
    // With the stored consent reset (as when it expires), the visitor changes their mind: same id, same subject.
    await useToolbar(page, () => page.getByRole("button", { name: "保存された同意をリセット" }).click());
    await page.locator("[data-pd-consent]").waitFor({ state: "visible" });
    expect(await visitorConsent(page)).toEqual({ analytics: "", marketing: "", preferences: "", sale_of_data: "" });
    expect(await choose(page, "すべて拒否")).toBe(201);
    expect(await visitorConsent(page)).toEqual({ analytics: "no", marketing: "no", preferences: "no", sale_of_data: "no" });
    expect(await storedId(page)).toBe(visitorId);
    const history = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey }, orderBy: { recordedAt: "asc" } });
    expect(history).toHaveLength(8);
    expect(history.slice(4).every((row) => !row.granted)).toBe(true);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("links to the policy and opens again from the footer link, so a choice is withdrawn as easily as given: at Shopify and in the ledger (ja, en, 390x844)", async () => {
    for (const [language, width] of [["ja", 390], ["en", 390], ["ja", 1280], ["en", 1280]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, userAgent: BROWSER_UA });
      const page = await context.newPage();
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await page.goto(`${sandbox.url}/sandbox/storefront?lang=${language}`);
      const banner = page.locator("[data-pd-consent]");
      await banner.waitFor({ state: "visible", timeout: 30_000 });
      const policyLink = banner.getByRole("link", { name: language === "ja" ? "プライバシーポリシー" : "privacy policy" });
      expect(await policyLink.getAttribute("href")).toBe("/policies/privacy-policy");
      // Japanese runs on without spaces around the link; English keeps its own.
      expect(await banner.locator(".pd-cb__message").innerText()).toMatch(language === "ja" ? /ください。詳しくはプライバシーポリシーをご覧ください。/ : /allow\. See our privacy policy for details\./);
      expect(await choose(page, language === "ja" ? "すべて許可" : "Allow all")).toBe(201);
      const subjectKey = visitorSubjectKey(DEMO_SHOP, (await storedId(page))!);
      // Given: hidden, and not shown again on its own.
      await page.reload();
      expect(await bannerDecided(page)).toBe(false);
      // The footer link opens it with the current choice ticked, and a way to close it unchanged.
      await page.getByRole("link", { name: language === "ja" ? "Cookie の設定" : "Cookie settings" }).click();
      await banner.waitFor({ state: "visible" });
      expect(await banner.getByRole("checkbox", { name: language === "ja" ? "分析" : "Analytics" }).isChecked()).toBe(true);
      expect(await banner.getByRole("button", { name: language === "ja" ? "閉じる" : "Close" }).isVisible()).toBe(true);
      // The theme's buttons and colours; allowing and refusing side by side, the same size, whatever their words.
      const accept = banner.getByRole("button", { name: language === "ja" ? "すべて許可" : "Allow all" });
      const reject = banner.getByRole("button", { name: language === "ja" ? "すべて拒否" : "Reject all" });
      expect(await accept.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(`rgb(${THEME.button.replaceAll(",", ", ")})`);
      expect(await banner.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(`rgb(${THEME.background.replaceAll(",", ", ")})`);
      const [acceptBox, rejectBox] = [(await accept.boundingBox())!, (await reject.boundingBox())!];
      expect(acceptBox.y).toBe(rejectBox.y);
      expect(Math.abs(acceptBox.width - rejectBox.width)).toBeLessThan(1);
      expect(acceptBox.height).toBe(rejectBox.height);
      // The page ends above the open bar: scrolled to the end, the footer's link is not under it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const footerLink = (await page.getByRole("link", { name: language === "ja" ? "Cookie の設定" : "Cookie settings" }).boundingBox())!;
      expect(footerLink.y + footerLink.height).toBeLessThanOrEqual((await banner.boundingBox())!.y);
      // Every button on the screen, none cut off at the foot of a phone.
      for (const button of await banner.getByRole("button").all()) {
        const box = (await button.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        expect(box.y + box.height).toBeLessThanOrEqual(844);
      }
      await page.screenshot({ path: path.join(screenshots, `storefront-banner-reopened-${language}-${width}.png`) });
      // Withdrawn with one click: Shopify's Customer Privacy API and the ledger both hold the refusal.
      expect(await choose(page, language === "ja" ? "すべて拒否" : "Reject all")).toBe(201);
      expect(await visitorConsent(page)).toEqual({ analytics: "no", marketing: "no", preferences: "no", sale_of_data: "no" });
      const latest = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey }, orderBy: { recordedAt: "desc" }, take: 4 });
      expect(latest.map((row) => [row.kind, row.granted]).sort()).toEqual([
        ["analytics", false],
        ["marketing", false],
        ["preferences", false],
        ["sale_of_data", false],
      ]);
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it("makes a well-formed id with crypto.getRandomValues where crypto.randomUUID is missing", async () => {
    const context = await openContext("delete Crypto.prototype.randomUUID;");
    const page = await openStorefront(context);
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe("undefined");
    const before = (await visitorRows()).length;
    await page.getByRole("checkbox", { name: "分析" }).check();
    expect(await choose(page, "選んだ項目を保存")).toBe(201);
    expect(await visitorConsent(page)).toEqual({ analytics: "yes", marketing: "no", preferences: "no", sale_of_data: "no" });
    const visitorId = await storedId(page);
    expect(visitorId).toMatch(VISITOR_ID_PATTERN);
    const rows = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey: visitorSubjectKey(DEMO_SHOP, visitorId!) } });
    expect(Object.fromEntries(rows.map((row) => [row.kind, row.granted]))).toEqual({ analytics: true, marketing: false, preferences: false, sale_of_data: false });
    expect((await visitorRows()).length).toBe(before + 4);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("still hands the choice to Shopify when storage is blocked, and the app records nothing", async () => {
    const context = await openContext(
      `Object.defineProperty(window, "localStorage", { configurable: true, get: function () { throw new DOMException("blocked", "SecurityError"); } });`,
    );
    const page = await openStorefront(context);
    const before = await database.db.consentRecord.count({ where: { shop: DEMO_SHOP } });
    expect(await choose(page, "すべて許可")).toBe(202);
    expect(await visitorConsent(page)).toEqual({ analytics: "yes", marketing: "yes", preferences: "yes", sale_of_data: "yes" });
    expect(await database.db.consentRecord.count({ where: { shop: DEMO_SHOP } })).toBe(before);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("asks a newcomer in the EU, keeps a rejection across reloads, and does not ask a visitor in Japan", async () => {
    const context = await openContext();
    const page = await openStorefront(context);
    expect(await page.getByLabel("訪問者の地域").inputValue()).toBe("DE");
    expect(await visitorConsent(page)).toEqual({ analytics: "", marketing: "", preferences: "", sale_of_data: "" });
    expect(await choose(page, "すべて拒否")).toBe(201);
    expect(await visitorConsent(page)).toEqual({ analytics: "no", marketing: "no", preferences: "no", sale_of_data: "no" });
    const rows = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey: visitorSubjectKey(DEMO_SHOP, (await storedId(page))!) } });
    expect(Object.fromEntries(rows.map((row) => [row.kind, row.granted]))).toEqual({ analytics: false, marketing: false, preferences: false, sale_of_data: false });

    await page.reload();
    expect(await bannerDecided(page)).toBe(false);
    expect(await visitorConsent(page)).toEqual({ analytics: "no", marketing: "no", preferences: "no", sale_of_data: "no" });

    // Japan: the demo shop asks for consent only where the GDPR applies, so no banner even after a reset.
    await useToolbar(page, () => page.getByLabel("訪問者の地域").selectOption("JP"));
    await useToolbar(page, () => page.getByRole("button", { name: "保存された同意をリセット" }).click());
    expect(await page.getByLabel("訪問者の地域").inputValue()).toBe("JP");
    expect(await bannerDecided(page)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as ShopifyWindow).Shopify.customerPrivacy.shouldShowBanner())).toBe(false);
    await page.screenshot({ path: path.join(screenshots, "storefront-banner-japan.png") });

    // Back in the EU with nothing stored, the banner asks again.
    await useToolbar(page, () => page.getByLabel("訪問者の地域").selectOption("DE"));
    await page.locator("[data-pd-consent]").waitFor({ state: "visible" });
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows the anonymous visitor in the admin's ledger and their history", async () => {
    const [row] = await visitorRows();
    // Named by its first ledger row, never by the keyed hash.
    const first = (await visitorRows()).filter((other) => other.subjectKey === row.subjectKey).map((other) => other.id).sort()[0];
    const label = `匿名の訪問者（記録 ${first.slice(-8)}）`;
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, userAgent: BROWSER_UA });
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${sandbox.url}/sandbox?lang=ja`);
    const consentLink = page.locator('#sbx-nav a[data-href="/app/consent"]');
    await consentLink.waitFor({ timeout: 30_000 });
    await consentLink.click();
    const frame = (): Frame => {
      const found = page.frames().find((candidate) => candidate.url().includes("/app"));
      if (!found) throw new Error("no app frame");
      return found;
    };
    await expect.poll(() => frame().evaluate(() => window.location.pathname), { timeout: 30_000 }).toBe("/app/consent");
    const link = frame().getByRole("link", { name: label }).first();
    await link.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "storefront-banner-ledger.png") });
    await link.click();
    // The page's title is drawn in the admin's title bar (App Bridge's TitleBar), outside the frame.
    await expect.poll(() => page.locator("#sbx-title").textContent(), { timeout: 15_000 }).toContain(label);
    await page.screenshot({ path: path.join(screenshots, "storefront-banner-history.png") });
    await context.close();
    expect(problems).toEqual([]);
  });
});
