// The request form in Chromium against the built app, with and without JavaScript. A small theme
// stand-in renders the blocks with tests/support/liquid.ts and forwards /apps/privacy/* to the app
// the way Shopify's App Proxy does (signed query, Liquid answers shown inside the theme).
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { TEST_API_SECRET, startApp, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { extensionRoot, policyMetafield, renderAppBlock } from "../support/liquid";
import { fixturePolicy } from "../unit/storefront/fixturePolicy";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { completeRequest } from "../../app/privacy/requests/lifecycle";
import { DISCLOSURE_JOB } from "../../app/privacy/disclosure";
import { seedPolicyContent } from "../../app/privacy/policy/seedPolicy";
import { applyRegisterStatement } from "../../app/privacy/policy/registerStatement";
import { foreignTransferStatement, SHOPIFY_SEED } from "../../app/privacy/records/processors";

const statementOf = (entries: typeof SHOPIFY_SEED) => {
  const rows = entries.map((entry) => ({ name: entry.name, country: entry.countries.join(","), role: entry.role, safeguards: entry.safeguards, dataKinds: JSON.stringify(entry.dataKinds) }));
  const paragraphs = (locale: "ja" | "en") => foreignTransferStatement(rows, locale).split(/\n[ \t]*\n/).filter(Boolean);
  return { ja: paragraphs("ja"), en: paragraphs("en") };
};

const SHOP = "qui-pearl-demo.myshopify.com";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

const layout = (body: string, head = "") =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>store</title>${head}</head><body><main>${body}</main></body></html>`;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function startStorefront(appUrl: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://store");
    if (url.pathname.startsWith("/assets/")) {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      return res.end(readFileSync(path.join(extensionRoot, "assets", path.basename(url.pathname))));
    }
    if (url.pathname.startsWith("/apps/privacy/")) {
      const extra = Object.fromEntries(url.searchParams);
      const query = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }, extra);
      const rest = url.pathname.slice("/apps/privacy".length).replace(/\/$/, "");
      const body = req.method === "POST" ? await readBody(req) : undefined;
      const answer = await fetch(`${appUrl}/proxy${rest}?${query}`, {
        method: req.method,
        headers: {
          "Content-Type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
          Accept: req.headers.accept ?? "text/html",
          "X-Forwarded-For": "192.0.2.10",
        },
        body: body ? new Uint8Array(body) : undefined,
      });
      const type = answer.headers.get("content-type") ?? "";
      const text = await answer.text();
      res.writeHead(answer.status, { "Content-Type": type.startsWith("application/liquid") ? "text/html; charset=utf-8" : type });
      return res.end(type.startsWith("application/liquid") ? layout(text) : text);
    }
    // The storefront's language from ?locale= (Shopify's request.locale), Japanese by default.
    const locale = new URL(req.url ?? "/", "http://store").searchParams.get("locale") === "en" ? "en" : "ja";
    if (url.pathname === "/policy") {
      // The seed policy as published after the merchant confirmed Shopify's register entries.
      const published = { version: 1, publishedAt: "2026-11-01T09:00:00.000Z", languages: applyRegisterStatement(seedPolicyContent(), statementOf(SHOPIFY_SEED)) };
      const block = await renderAppBlock("privacy-policy", { locale, metafields: policyMetafield(published), assetBase: "/assets" });
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(layout(block.html));
    }
    const options = { locale, metafields: policyMetafield(fixturePolicy), assetBase: "/assets" };
    const form = await renderAppBlock("request-form", options);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(layout(`<h1>お問い合わせ</h1>${form.html}${form.scriptTags}`));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

describe("storefront request form in Chromium", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let store: { server: Server; url: string };
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "storefront-browser");
    await database.db.policyVersion.create({ data: { shop: SHOP, version: 3, contentHash: "h", content: "{}" } });
    app = await startApp({ database });
    store = await startStorefront(app.url);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    store?.server.close();
    await app?.stop();
    await database?.drop();
  });

  it("publishes the policy numbered as written, sub-sections inside their section, the register's countries by name (ja, en, 390x844)", async () => {
    mkdirSync(path.join(outputDir, "screenshots"), { recursive: true });
    for (const [locale, width] of [["ja", 390], ["en", 390], ["ja", 1280]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, locale });
      const page = await context.newPage();
      await page.goto(`${store.url}/policy?locale=${locale}`);
      const section4 = page.locator("#pd-AbCdprivacyp1-requests");
      expect(await section4.locator("h3").innerText()).toBe(locale === "ja" ? "4. 個人情報の開示・変更・利用停止・削除" : await section4.locator("h3").innerText());
      expect(await section4.locator("h4").first().innerText()).toMatch(/^\(2\)/);
      const security = await page.locator("#pd-AbCdprivacyp1-security").innerText();
      expect(security).toContain(locale === "ja" ? "アイルランド" : "Ireland");
      expect(security).not.toMatch(/\b(IE|CA|US)\b/);
      if (locale === "ja") expect(security).not.toMatch(/access control|Cloud service/);
      else expect(security).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      await section4.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-policy-${locale}-${width}.png`), fullPage: width > 1000 });
      await page.locator("#pd-AbCdprivacyp1-security").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-policy-security-${locale}-${width}.png`) });
      await context.close();
    }
  });

  it("the decision notice's download link: the code is asked for, then the letter opens (ja, en, 390x844)", async () => {
    mkdirSync(path.join(outputDir, "screenshots"), { recursive: true });
    for (const [locale, width] of [["ja", 390], ["en", 390], ["ja", 1280]] as const) {
      const db = database.db;
      const request = await createPrivacyRequest(db, { shop: SHOP, type: "disclosure", source: "storefront", email: "hanako@example.jp", customerName: locale === "ja" ? "山田 花子" : "Hannah Young", language: locale }, "shopper");
      await db.privacyRequest.update({ where: { id: request.id }, data: { status: "in_progress", identityStatus: "verified", identityMethod: "email_link" } });
      const pkg = { reference: request.reference, shop: SHOP, businessName: "qui pearl project", language: locale, deliveryMethod: "electronic", generatedAt: new Date().toISOString(), shopify: null, appRecords: { shop: SHOP, shopifyCustomerId: "", generatedAt: new Date().toISOString(), requests: [], consentRecords: [], formSubmissions: [], provisionRecords: [] } };
      await db.job.create({ data: { shop: SHOP, kind: DISCLOSURE_JOB, requestId: request.id, status: "done", result: JSON.stringify(pkg) } });
      await completeRequest(db, SHOP, request.id, "staff:1");
      const notice = await db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "decision" } });
      const token = new URL(/https:\/\/\S+\/apps\/privacy\/download\?token=[\w-]{43}/.exec(notice.body)![0]).searchParams.get("token")!;

      const context = await browser.newContext({ viewport: { width, height: 844 }, locale });
      const page = await context.newPage();
      await page.goto(`${store.url}/apps/privacy/download?token=${token}&locale=${locale}`);
      await page.getByRole("heading", { name: locale === "ja" ? "開示データのダウンロード" : "Download your data" }).waitFor();
      expect(await page.locator("main").innerText()).toContain("h***@example.jp");
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-download-offer-${locale}-${width}.png`) });
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: locale === "ja" ? "確認コードを送る" : "Send me a code" }).click()]);
      // No SMTP here: the page says the code is arranged, not that it was sent.
      expect(await page.getByRole("status").innerText()).toContain(locale === "ja" ? "手配しました" : "arranged");
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-download-code-${locale}-${width}.png`) });
      const mail = await db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "download_code" } });
      await page.getByLabel(locale === "ja" ? "確認コード（6桁）" : "Code (6 digits)").fill(/\b(\d{6})\b/.exec(mail.body)![1]);
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: locale === "ja" ? "ダウンロードする" : "Download" }).click()]);
      await page.getByRole("heading", { name: locale === "ja" ? "保有個人データ開示のお知らせ" : "Disclosure of the personal data we hold about you" }).waitFor();
      expect(await page.locator("body").innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-download-letter-${locale}-${width}.png`) });
      expect(await db.packageDelivery.findUniqueOrThrow({ where: { requestId: request.id } })).toMatchObject({ downloads: 1 });
      await context.close();
    }
  });

  it("keeps the form compact: error lines take no space until needed, agent fields appear only when acting as an agent (ja, en, 390x844)", async () => {
    mkdirSync(path.join(outputDir, "screenshots"), { recursive: true });
    for (const [locale, width] of [["ja", 1280], ["en", 1280], ["ja", 390]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, locale });
      const page = await context.newPage();
      await page.goto(`${store.url}/?locale=${locale}`);
      const errorHeights = await page.locator("[data-pd-error]").evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).getBoundingClientRect().height));
      expect(errorHeights.every((height) => height === 0)).toBe(true);
      const agentName = page.locator("input[name=agent_name]");
      expect(await agentName.isVisible()).toBe(false);
      await page.check("input[name=is_agent]");
      expect(await agentName.isVisible()).toBe(true);
      await page.uncheck("input[name=is_agent]");
      expect(await agentName.isVisible()).toBe(false);
      await page.click("button[type=submit]");
      await expect.poll(() => page.locator("input[name=name]").getAttribute("aria-invalid")).toBe("true");
      const nameError = page.locator("[data-pd-error=name]");
      expect((await nameError.boundingBox())?.height ?? 0).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-form-errors-${locale}-${width}.png`), fullPage: true });
      await context.close();
    }
  });

  it("with JavaScript: inline errors tied to fields, then the reference with focus on the confirmation", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(store.url);
    await page.click("button[type=submit]");
    const name = page.locator("input[name=name]");
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${describedBy.split(" ")[0]}`).textContent()).toBe("入力してください");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("name");

    await name.fill("山田 花子🌸");
    await page.fill("input[name=email]", "hanako.js@example.jp");
    await page.fill("textarea[name=message]", "<b>開示</b>をお願いします");
    await page.check("input[name=consent]");
    await page.click("button[type=submit]");
    const done = page.locator("[data-pd-done]");
    await done.waitFor({ state: "visible" });
    const reference = (await page.locator("[data-pd-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^PD-\d{4}-\d{5}$/);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-pd-done"))).toBe(true);
    expect(page.url()).toBe(`${store.url}/`);
    const stored = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference } });
    expect(stored).toMatchObject({ customerName: "山田 花子🌸", message: "<b>開示</b>をお願いします" });
    // The confirmation's status link is the request's own (a token, not the sequential reference).
    expect(await page.locator("[data-pd-done] [data-pd-status-link]").getAttribute("href")).toMatch(/^\/apps\/privacy\/requests\/status\?token=[\w-]{43}$/);
    await context.close();
  });

  it("without JavaScript: plain POST, the reference page, then the status page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(store.url);
    await page.fill("input[name=name]", "佐藤 一郎");
    await page.fill("input[name=email]", "ichiro.nojs@example.jp");
    await page.check("input[name=consent]");
    await page.click("button[type=submit]");
    const reference = (await page.locator("[data-pd-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^PD-\d{4}-\d{5}$/);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, reference } })).toBe(1);

    // The status link opens the request's status at once: its token names the request.
    await page.click(`a[href*="status?token="]`);
    expect(await page.locator("[data-pd-status]").getAttribute("data-pd-status")).toBe("received");
    expect(await page.inputValue("input[name=reference]")).toBe(reference);
    await page.fill("input[name=email]", "ichiro.nojs@example.jp");
    await page.click("button[type=submit]");
    expect(await page.locator("[data-pd-status]").getAttribute("data-pd-status")).toBe("received");
    expect(await page.textContent("body")).toContain("受付済み");
    await context.close();
  });
});
