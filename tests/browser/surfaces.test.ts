// Issue 14's three surfaces in Chromium, through the sandbox: the UI extensions as Shopify CLI built
// them (extensions/*/dist), each rendered with the `shopify` global of its surface stubbed as
// Shopify provides it (sandbox/public/ui-host.js: session token, i18n with the extension's own
// locale file, navigation, query, toast, close), and the backend answering for real.
//  - each extension alone: renders in Japanese and English, asks only for keys its locale file has,
//    calls the backend with the session token;
//  - the customer page in the admin frame: the block, the action from the block and from More
//    actions, a request recorded and shown;
//  - a logged-in customer's account: the profile block's link, the Privacy page, a request filed,
//    marketing consent changed at Shopify;
//  - the Flow log with the triggers those requests sent.
// Screenshots (ja and en, desktop and 390x844) go to tests/output/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { startSandbox, type RunningSandbox } from "../support/sandbox";
import { BROWSER_UA } from "../support/app";
import { launchChromium } from "../support/browser";
import { DEMO_SHOP } from "../support/fixtures";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { DISCLOSURE_JOB } from "../../app/privacy/disclosure";

const shots = path.join(outputDir, "screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const CUSTOMER = 1002;

interface HostState {
  ready: boolean;
  missing: string[];
  calls: Array<{ name: string; detail?: { url?: string; method?: string; authorization?: string | null } | string }>;
}

describe("the customer page, the customer account and Flow in the sandbox", () => {
  let database: TestDatabase;
  let sandbox: RunningSandbox;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    database = await createTestDatabase("sqlite", "surfaces");
    sandbox = await startSandbox(database.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await database?.drop();
  });

  async function open(url: string, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport, userAgent: BROWSER_UA });
    page.on("pageerror", (error) => problems.push(`${url}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${url}: ${message.text()}`);
    });
    await page.goto(`${sandbox.url}${url}`);
    return page;
  }
  const host = (target: Page | Frame) => target.evaluate(() => (window as unknown as { __uiHost: HostState }).__uiHost);
  async function ready(target: Page | Frame) {
    await target.waitForFunction(() => (window as unknown as { __uiHost?: HostState }).__uiHost?.ready === true);
  }
  async function frame(page: Page, selector: string): Promise<Frame> {
    const handle = await page.waitForSelector(selector);
    const content = await handle.contentFrame();
    if (!content) throw new Error(`${selector} has no frame`);
    await ready(content);
    return content;
  }
  /** Waits until the extension shows `text`, in its own markup or its components' shadow roots. */
  const waitForText = (target: Frame | Page, text: string) =>
    target.waitForFunction(
      (wanted) => {
        const parts: string[] = [];
        const walk = (node: Node) => {
          if (node instanceof HTMLStyleElement) return;
          if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
          if (node instanceof Element && node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
          node.childNodes.forEach(walk);
        };
        walk(document.body);
        return parts.join(" ").includes(wanted);
      },
      text,
      { timeout: 10_000 },
    );
  /** The extension's text as a person reads it (Polaris components render their children). */
  const textOf = (target: Frame | Page) => target.evaluate(() => document.body.innerText);
  const shadowText = (target: Frame | Page) =>
    target.evaluate(() => {
      const parts: string[] = [];
      const walk = (node: Node) => {
        if (node instanceof HTMLStyleElement) return;
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
        if (node instanceof Element && node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
        node.childNodes.forEach(walk);
      };
      walk(document.body);
      return parts.join(" ");
    });

  const FRAMES = [
    { handle: "privacy-desk-customer", target: "admin.customer-details.block.render", ja: "プライバシーに関する請求", en: "Privacy requests", token: "auth.idToken" },
    { handle: "privacy-desk-record-request", target: "admin.customer-details.action.render", ja: "プライバシー請求を記録", en: "Record a privacy request", token: null },
    { handle: "privacy-desk-account", target: "customer-account.page.render", ja: "ご請求の状況", en: "Your requests", token: "sessionToken.get" },
    { handle: "privacy-desk-account-link", target: "customer-account.profile.block.render", ja: "プライバシーページを開く", en: "Open the Privacy page", token: null },
  ];

  it("renders each built extension in Japanese and English with nothing missing from its locale file, calling the backend with the session token", async () => {
    for (const extension of FRAMES) {
      for (const lang of ["ja", "en"] as const) {
        const page = await open(`/sandbox/ui-frame?handle=${extension.handle}&target=${extension.target}&lang=${lang}&customer=${CUSTOMER}`);
        await ready(page);
        await waitForText(page, extension[lang]);
        const state = await host(page);
        expect(state.missing, `${extension.handle} ${lang}`).toEqual([]);
        expect(state.calls.some((call) => call.name === "extend" && call.detail === extension.target)).toBe(true);
        if (extension.token) {
          expect(state.calls.map((call) => call.name)).toContain(extension.token);
          const fetches = state.calls.filter((call) => call.name === "fetch").map((call) => call.detail as { url: string; authorization: string | null });
          expect(fetches.length, extension.handle).toBeGreaterThan(0);
          for (const call of fetches) expect(call.authorization, call.url).toBe("Bearer");
        }
        const text = await shadowText(page);
        if (lang === "ja") {
          // A Japanese screen shows no English word, code or ISO timestamp (request references are ids).
          expect(text.replace(/PD-\d{4}-\d{5}|Privacy Desk|SMS|Shopify/g, ""), extension.handle).not.toMatch(/[A-Za-z]{3,}/);
          expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
        } else {
          expect(text, extension.handle).not.toMatch(/[ぁ-んァ-ン一-龥]/);
        }
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  });

  it("shows the block on the customer page and records a request from it and from More actions", async () => {
    const page = await open(`/sandbox/customers?id=${CUSTOMER}&lang=ja`);
    let block = await frame(page, "#sbx-block");
    await block.waitForFunction(() => document.body.innerText.includes("PD-"));
    const before = (await textOf(block)).match(/PD-\d{4}-\d{5}/g) ?? [];
    await page.screenshot({ path: path.join(shots, "surfaces-customer-page-ja.png"), fullPage: true });

    // The block's button opens the action, as Shopify opens an admin action from a block.
    await block.click("s-button >> text=請求を記録");
    const action = await frame(page, "#sbx-action");
    await action.locator("s-select").first().evaluate((element) => {
      const select = element.shadowRoot!.querySelector("select")!;
      select.value = "correction";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await action.locator("s-select").nth(1).evaluate((element) => {
      const select = element.shadowRoot!.querySelector("select")!;
      select.value = "staff_in_person";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await action.waitForFunction(() => document.body.innerText.includes("対面で確認"));
    await action.locator("s-text-area").evaluate((element) => {
      const area = element.shadowRoot!.querySelector("textarea")!;
      area.value = "来店時に住所の訂正を依頼";
      area.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    });
    await page.screenshot({ path: path.join(shots, "surfaces-record-action-ja.png") });
    await action.click("s-button >> text=記録する");
    await action.waitForFunction(() => document.body.innerText.includes("として記録しました"));
    const recorded = (await textOf(action)).match(/PD-\d{4}-\d{5}/)![0];
    const row = await database.db.privacyRequest.findFirstOrThrow({ where: { reference: recorded } });
    expect(row).toMatchObject({ type: "correction", source: "staff_in_person", shopifyCustomerId: String(CUSTOMER), identityMethod: "staff_in_person", message: "来店時に住所の訂正を依頼" });
    expect(row.identityVerifiedBy).toMatch(/^staff:\d+$/);
    await action.click("s-button >> text=閉じる");
    await page.waitForSelector("#sbx-modal", { state: "hidden" });

    // Closing the action refreshes the block, which now lists the new request.
    block = await frame(page, "#sbx-block");
    await block.waitForFunction((reference) => document.body.innerText.includes(reference), recorded);
    expect(((await textOf(block)).match(/PD-\d{4}-\d{5}/g) ?? []).length).toBe(before.length + 1);

    // More actions opens the same action.
    await page.click("#sbx-more");
    await page.click("[data-open-action]");
    const again = await frame(page, "#sbx-action");
    expect(await textOf(again)).toContain("電話");
    await again.click("s-button >> text=キャンセル");
    await page.waitForSelector("#sbx-modal", { state: "hidden" });
    await page.close();

    for (const [lang, viewport, name] of [
      ["en", DESKTOP, "surfaces-customer-page-en.png"],
      ["ja", PHONE, "surfaces-customer-page-ja-phone.png"],
      ["en", PHONE, "surfaces-customer-page-en-phone.png"],
    ] as const) {
      const view = await open(`/sandbox/customers?id=${CUSTOMER}&lang=${lang}`, viewport);
      const content = await frame(view, "#sbx-block");
      await content.waitForFunction((reference) => document.body.innerText.includes(reference), recorded);
      await view.screenshot({ path: path.join(shots, name), fullPage: true });
      await view.close();
    }
    expect(problems).toEqual([]);
  });

  it("lets a logged-in customer reach the Privacy page from their profile, file a request and change marketing consent", async () => {
    // A disclosure staff completed earlier, its package built: the page offers the customer a download.
    const done = await createPrivacyRequest(database.db, { shop: DEMO_SHOP, type: "disclosure", source: "storefront", shopifyCustomerId: String(CUSTOMER), email: "daisuke@example.jp" }, "storefront");
    await database.db.job.create({
      data: {
        shop: DEMO_SHOP,
        kind: DISCLOSURE_JOB,
        requestId: done.id,
        status: "done",
        result: JSON.stringify({
          reference: done.reference,
          shop: DEMO_SHOP,
          businessName: "qui pearl project",
          language: "ja",
          deliveryMethod: "electronic",
          generatedAt: new Date().toISOString(),
          shopify: null,
          appRecords: { shop: DEMO_SHOP, shopifyCustomerId: String(CUSTOMER), generatedAt: new Date().toISOString(), requests: [], consentRecords: [], formSubmissions: [], provisionRecords: [] },
        }),
      },
    });
    await database.db.privacyRequest.update({ where: { id: done.id }, data: { status: "completed", closedAt: new Date() } });

    const context = await browser.newContext({ viewport: DESKTOP, userAgent: BROWSER_UA });
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`account: ${error.message}`));
    await page.goto(`${sandbox.url}/sandbox/account?as=${CUSTOMER}&view=profile&lang=ja`);
    const link = await frame(page, "#sbx-link");
    await link.click("s-button");
    await page.waitForURL(/view=privacy/);
    const privacy = await frame(page, "#sbx-page");
    await privacy.waitForFunction(() => document.body.innerText.includes("受付番号"));
    await page.screenshot({ path: path.join(shots, "surfaces-account-privacy-ja.png"), fullPage: true });

    // The package: a one-time link, opened once, in the page's language.
    await privacy.click("s-button >> text=開示データをダウンロード");
    await waitForText(privacy, "このリンクは1回限り");
    // Preact always writes href as an attribute.
    const href = (await privacy.locator("s-link").first().getAttribute("href")) ?? "";
    expect(href).toMatch(/\/api\/account\/download\/[A-Za-z0-9_-]{43}$/);
    const local = href.replace(/^https:\/\/[^/]+/, sandbox.url);
    const file = await fetch(local, { headers: { "User-Agent": BROWSER_UA } });
    expect(file.status).toBe(200);
    expect(await file.text()).toContain(done.reference);
    expect((await fetch(local, { headers: { "User-Agent": BROWSER_UA } })).status).toBe(404);

    await privacy.locator("s-text-area").evaluate((element) => {
      const area = element.shadowRoot!.querySelector("textarea")!;
      area.value = "登録住所を教えてください";
      area.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    });
    await privacy.click("s-button >> text=請求する");
    await privacy.waitForFunction(() => document.body.innerText.includes("で受け付けました"));
    const filed = (await textOf(privacy)).match(/受付番号 (PD-\d{4}-\d{5}) で受け付けました/)![1];
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { reference: filed } });
    expect(request).toMatchObject({ source: "customer_account", shopifyCustomerId: String(CUSTOMER), identityMethod: "shopify_customer_login", message: "登録住所を教えてください" });

    // Email marketing on: Shopify holds it, the ledger records it, the page says so.
    await privacy.locator("s-checkbox").first().evaluate((element) => {
      const box = element.shadowRoot!.querySelector("input")!;
      box.checked = true;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.waitForSelector("#sbx-toast:not([hidden])");
    expect(await page.textContent("#sbx-toast")).toBe("お知らせを受け取る設定にしました");
    const record = await database.db.consentRecord.findFirstOrThrow({ where: { shopifyCustomerId: String(CUSTOMER), kind: "email_marketing", source: "customer_account" } });
    expect(record.granted).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, "surfaces-account-privacy-ja-after.png"), fullPage: true });
    await context.close();

    for (const [lang, viewport, view, name] of [
      ["en", DESKTOP, "privacy", "surfaces-account-privacy-en.png"],
      ["ja", PHONE, "privacy", "surfaces-account-privacy-ja-phone.png"],
      ["en", PHONE, "privacy", "surfaces-account-privacy-en-phone.png"],
      ["ja", PHONE, "profile", "surfaces-account-profile-ja-phone.png"],
    ] as const) {
      const other = await browser.newContext({ viewport, userAgent: BROWSER_UA });
      const shown = await other.newPage();
      await shown.goto(`${sandbox.url}/sandbox/account?as=${CUSTOMER}&view=${view}&lang=${lang}`);
      const content = await frame(shown, view === "privacy" ? "#sbx-page" : "#sbx-link");
      if (view === "privacy") await content.waitForFunction((reference) => document.body.innerText.includes(reference), filed);
      await shown.screenshot({ path: path.join(shots, name), fullPage: true });
      await other.close();
    }
    expect(problems).toEqual([]);
  });

  it("logs the Flow triggers those requests sent, as Flow received them", async () => {
    const filed = await database.db.privacyRequest.findFirst({ where: { source: "customer_account" } });
    if (!filed) throw new Error("the account test filed no request");
    const page = await open(`/sandbox/flow?lang=ja`);
    const deadline = Date.now() + 20_000;
    while (!(await page.textContent("#sbx-flow-received").catch(() => ""))?.includes(filed.reference)) {
      if (Date.now() > deadline) throw new Error("the trigger did not reach Flow");
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await page.textContent("#sbx-flow-log")).toContain("privacy-request-received");
    expect(await page.textContent("#sbx-flow-log")).toContain("送信済み");
    await page.screenshot({ path: path.join(shots, "surfaces-flow-log-ja.png"), fullPage: true });
    const phone = await open(`/sandbox/flow?lang=en`, PHONE);
    await phone.screenshot({ path: path.join(shots, "surfaces-flow-log-en-phone.png"), fullPage: true });
    await page.close();
    await phone.close();
    expect(problems).toEqual([]);
  });
});
