// The sandbox as a newcomer meets it: `sandbox/start.ts` on a free port with a throwaway SQLite file,
// opened in Chromium. The embedded admin loads through the App Bridge stub with locally minted
// session tokens, its sidebar navigates the app client-side (no document reload), the storefront
// renders the theme extension's blocks and the webhook console gets the app's answer. Any page error
// or console error fails the test. Screenshots go to tests/output/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { BROWSER_UA, freePort } from "../support/app";
import { runSandbox, startSandbox, type RunningSandbox } from "../support/sandbox";
import { launchChromium } from "../support/browser";

const screenshots = path.join(outputDir, "screenshots");

function appFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes("/app"));
  if (!frame) throw new Error(`no app frame among ${page.frames().map((f) => f.url()).join(", ")}`);
  return frame;
}

describe("the sandbox", () => {
  let database: TestDatabase;
  let sandbox: RunningSandbox;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "sandbox");
    sandbox = await startSandbox(database.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await database?.drop();
  });

  async function openPage(): Promise<Page> {
    // Headless Chromium names itself in its user agent, and the Shopify library answers bots with 410.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, userAgent: BROWSER_UA });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    return page;
  }

  it("opens the embedded admin and navigates between pages client-side", async () => {
    const page = await openPage();
    await page.goto(`${sandbox.url}/sandbox?lang=ja`);
    // The sidebar is drawn from the app's <NavMenu>, reported by the App Bridge stub in the frame.
    const requestsLink = page.locator('#sbx-nav a[data-href="/app/requests"]');
    await requestsLink.waitFor({ timeout: 30_000 });
    expect(await page.locator("#sbx-nav a").count()).toBeGreaterThanOrEqual(5);

    let frame = appFrame(page);
    await frame.waitForLoadState("load");
    await frame.locator(".Polaris-Page, .Polaris-EmptyState, [class*='Polaris-']").first().waitFor({ timeout: 30_000 });
    await frame.evaluate(() => {
      (window as unknown as { sandboxMarker: string }).sandboxMarker = "same-document";
    });
    await page.screenshot({ path: path.join(screenshots, "sandbox-admin-dashboard.png") });

    // The stub's window.shopify: a fresh session token from the sandbox, and a visible toast.
    const tokenParts = await frame.evaluate(async () => {
      const shopify = (window as unknown as { shopify: { idToken(): Promise<string>; toast: { show(message: string): string } } }).shopify;
      shopify.toast.show("sandbox toast");
      return (await shopify.idToken()).split(".").length;
    });
    expect(tokenParts).toBe(3);
    await frame.locator("[data-app-bridge-toast]", { hasText: "sandbox toast" }).waitFor();

    await requestsLink.click();
    await page.waitForFunction(() => document.querySelector('#sbx-nav a[aria-current="page"]')?.getAttribute("data-href") === "/app/requests");
    frame = appFrame(page);
    await frame.waitForFunction(() => window.location.pathname === "/app/requests");
    expect(await frame.evaluate(() => (window as unknown as { sandboxMarker?: string }).sandboxMarker)).toBe("same-document");
    await page.screenshot({ path: path.join(screenshots, "sandbox-admin-requests.png") });

    await page.locator('#sbx-nav a[data-href="/app/settings"]').click();
    await frame.waitForFunction(() => window.location.pathname === "/app/settings");
    expect(await frame.evaluate(() => (window as unknown as { sandboxMarker?: string }).sandboxMarker)).toBe("same-document");
    // The app's own same-origin requests carried a session token: the data loaded, no bounce to /auth.
    expect(frame.url()).not.toContain("/auth/");
    await page.screenshot({ path: path.join(screenshots, "sandbox-admin-settings.png") });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("bounces a document request without a session token through the stub and back to the page", async () => {
    const page = await openPage();
    const host = Buffer.from("admin.shopify.com/store/qui-pearl-demo").toString("base64url");
    await page.goto(`${sandbox.url}/app/requests?embedded=1&shop=qui-pearl-demo.myshopify.com&host=${host}&locale=en`);
    await page.waitForURL(/\/app\/requests\?.*id_token=/, { timeout: 20_000 });
    // On its own (no admin frame around it) the stub draws the app's title bar itself.
    await page.locator("[data-app-bridge-title-bar]").waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-bounce-standalone.png") });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("shows the theme extension's blocks on the storefront page and files a request through the signed App Proxy", async () => {
    const page = await openPage();
    await page.goto(`${sandbox.url}/sandbox/storefront?lang=ja`);
    expect(await page.locator(".shopify-app-block").count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join(screenshots, "sandbox-storefront.png"), fullPage: true });

    // As a logged-in customer: the app accepts the request only if the proxy signature verifies.
    await page.locator("select[name=as]").selectOption("1002");
    await page.waitForURL(/\/sandbox\/storefront/);
    expect(await page.locator("select[name=as]").inputValue()).toBe("1002");
    const form = page.locator("form[action='/apps/privacy/requests']");
    await form.locator("[name=type]").selectOption("disclosure");
    await form.locator("[name=name]").fill("佐藤 花子");
    await form.locator("[name=email]").fill("hanako.sato@example.com");
    await form.locator("[name=consent]").check();
    await form.locator("[type=submit]").click();
    await page.getByText(/PD-\d{4}-\d{5}/).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-storefront-request-filed.png") });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("serves the same storefront page without the app's blocks and embed, or without their scripts, for measuring", async () => {
    const page = await openPage();
    await page.goto(`${sandbox.url}/sandbox/storefront?lang=en&blocks=none`);
    await page.locator(".sbx-store__header").waitFor();
    expect(await page.locator(".shopify-app-block").count()).toBe(0);
    expect(await page.locator("script[src*='/sandbox/extension-assets/']").count()).toBe(0);
    await page.getByText("without the app's blocks and embed").waitFor();

    await page.goto(`${sandbox.url}/sandbox/storefront?lang=en&blocks=markup`);
    expect(await page.locator(".shopify-app-block").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("script[src*='/sandbox/extension-assets/']").count()).toBe(0);

    await page.goto(`${sandbox.url}/sandbox/storefront?lang=en`);
    expect(await page.locator("script[src*='/sandbox/extension-assets/']").count()).toBeGreaterThanOrEqual(2);
    await page.close();
    expect(problems).toEqual([]);
  });

  it("sends a signed compliance webhook and shows the app's answer", async () => {
    const page = await openPage();
    await page.goto(`${sandbox.url}/sandbox/webhooks?lang=en`);
    await page.locator("select[name=topic]").selectOption("customers/data_request");
    await page.waitForFunction(() => (document.querySelector("textarea[name=payload]") as HTMLTextAreaElement).value.includes("data_request"));
    await page.locator("#sbx-webhook button[type=submit]").click();
    const status = page.locator("#sbx-answer [data-status]");
    await status.waitFor({ timeout: 20_000 });
    expect(await status.getAttribute("data-status")).toBe("200");
    await page.screenshot({ path: path.join(screenshots, "sandbox-webhooks.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("sends Shopify's marketing-consent webhooks for a demo customer; the app answers 200 and records the choice", async () => {
    const page = await openPage();
    await page.goto(`${sandbox.url}/sandbox/webhooks?lang=en`);
    const customer = await page.locator("select[name=customer]").inputValue();
    for (const [topic, kind, shape] of [
      ["customers_email_marketing_consent/update", "email_marketing", "email_marketing_consent"],
      ["customers_marketing_consent/update", "sms_marketing", "sms_marketing_consent"],
    ] as const) {
      await page.locator("select[name=topic]").selectOption(topic);
      await page.waitForFunction((key) => (document.querySelector("textarea[name=payload]") as HTMLTextAreaElement).value.includes(key), shape);
      expect(await page.locator("select[name=customer]").isDisabled()).toBe(false);
      const payload = JSON.parse(await page.locator("textarea[name=payload]").inputValue());
      expect(payload[shape]).toMatchObject({ state: "subscribed", opt_in_level: "single_opt_in" });
      await page.locator("#sbx-answer").evaluate((element) => (element.textContent = ""));
      await page.locator("#sbx-webhook button[type=submit]").click();
      const status = page.locator("#sbx-answer [data-status]");
      await status.waitFor({ timeout: 20_000 });
      expect(await status.getAttribute("data-status")).toBe("200");
      expect(await page.locator("#sbx-answer").textContent()).toContain(`POST /webhooks/${topic}`);
      // The inbox worker turns the delivery into a ledger row after the 200.
      const deadline = Date.now() + 20_000;
      let rows = 0;
      while (rows === 0 && Date.now() < deadline) {
        rows = await database.db.consentRecord.count({ where: { subjectKey: `customer:${customer}`, kind, source: "shopify_webhook", granted: true } });
        if (rows === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(rows).toBe(1);
    }
    await page.screenshot({ path: path.join(screenshots, "sandbox-webhooks-consent.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("refuses to run with NODE_ENV=production", async () => {
    const run = runSandbox({ NODE_ENV: "production", PORT: String(await freePort()), DATABASE_URL: database.url });
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain("refuses to run with NODE_ENV=production");
  });
});
