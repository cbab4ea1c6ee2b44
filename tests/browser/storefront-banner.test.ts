// The consent banner app embed in Chromium on the sandbox storefront, as an anonymous visitor:
// the choice goes to Shopify's Customer Privacy API (a stand-in, as in the storefront bench) and
// to the app, which records it in the ledger under a keyed hash of the random id the banner keeps
// in localStorage; the admin's ledger shows it as an anonymous visitor. With storage blocked the
// banner still works and the app records nothing. Any page or console error fails the test.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { BROWSER_UA } from "../support/app";
import { startSandbox, type RunningSandbox } from "../support/sandbox";
import { DEMO_SHOP } from "../support/fixtures";
import { subjectParts, visitorSubjectKey, VISITOR_ID_PATTERN } from "../../app/privacy/consent/subject";

const screenshots = path.join(outputDir, "screenshots");
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
const ID_KEY = "privacy-desk-visitor";

// Shopify's Customer Privacy API as a visitor in a region that requires a banner sees it; the
// choices handed to setTrackingConsent are kept for the test to read.
const CUSTOMER_PRIVACY_STUB = `window.__pdChoices = [];
window.Shopify = { loadFeatures: function (features, callback) { setTimeout(function () { callback(); }, 0); },
  customerPrivacy: { shouldShowBanner: function () { return true; },
    currentVisitorConsent: function () { return { analytics: "", marketing: "", preferences: "", sale_of_data: "" }; },
    setTrackingConsent: function (choice, callback) { window.__pdChoices.push(choice); callback({}); } } };`;

describe("the consent banner for an anonymous visitor", () => {
  let database: TestDatabase;
  let sandbox: RunningSandbox;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    // The sandbox inherits this key, so the test can compute the subject the app stores.
    process.env.PRIVACY_DESK_HASH_KEY = "storefront-banner-test-key";
    database = await createTestDatabase("sqlite", "banner");
    sandbox = await startSandbox(database.url);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await database?.drop();
  });

  async function openContext(extraInit = ""): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, userAgent: BROWSER_UA });
    await context.addInitScript(CUSTOMER_PRIVACY_STUB + extraInit);
    return context;
  }

  async function openStorefront(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    await page.goto(`${sandbox.url}/sandbox/storefront?lang=ja`);
    await page.locator("[data-pd-consent]").waitFor({ state: "visible", timeout: 30_000 });
    return page;
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
    expect(await page.evaluate(() => (window as unknown as { __pdChoices: unknown[] }).__pdChoices)).toEqual([
      { analytics: true, marketing: true, preferences: true, sale_of_data: true },
    ]);
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

    // Back on another page of the store, the visitor changes their mind: same id, same subject.
    await page.reload();
    await page.locator("[data-pd-consent]").waitFor({ state: "visible" });
    expect(await choose(page, "すべて拒否")).toBe(201);
    expect(await storedId(page)).toBe(visitorId);
    const history = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey }, orderBy: { recordedAt: "asc" } });
    expect(history).toHaveLength(8);
    expect(history.slice(4).every((row) => !row.granted)).toBe(true);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("makes a well-formed id with crypto.getRandomValues where crypto.randomUUID is missing", async () => {
    const context = await openContext("delete Crypto.prototype.randomUUID;");
    const page = await openStorefront(context);
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe("undefined");
    const before = (await visitorRows()).length;
    await page.getByRole("checkbox", { name: "分析" }).check();
    expect(await choose(page, "選んだ項目を保存")).toBe(201);
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
    expect(await page.evaluate(() => (window as unknown as { __pdChoices: unknown[] }).__pdChoices)).toHaveLength(1);
    expect(await database.db.consentRecord.count({ where: { shop: DEMO_SHOP } })).toBe(before);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows the anonymous visitor in the admin's ledger and their history", async () => {
    const [row] = await visitorRows();
    const label = `匿名の訪問者（ハッシュ ${subjectParts(row.subjectKey).value}）`;
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
    await frame().getByRole("heading", { name: label }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(screenshots, "storefront-banner-history.png") });
    await context.close();
    expect(problems).toEqual([]);
  });
});
