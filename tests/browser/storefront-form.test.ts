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
import { storefrontPolicyValue } from "../../app/privacy/policy/publishPolicy";
import { THEME, themeStyle } from "../support/themeStandIn";

const statementOf = (entries: typeof SHOPIFY_SEED) => {
  const rows = entries.map((entry) => ({ name: entry.name, country: entry.countries.join(","), role: entry.role, safeguards: entry.safeguards, dataKinds: JSON.stringify(entry.dataKinds) }));
  const paragraphs = (locale: "ja" | "en") => foreignTransferStatement(rows, locale).split(/\n[ \t]*\n/).filter(Boolean);
  return { ja: paragraphs("ja"), en: paragraphs("en") };
};

const SHOP = "qui-pearl-demo.myshopify.com";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

// The theme: its stylesheet (Dawn's conventions), a sticky header, the page's main. Blocks sit in a
// section's page-width container; an App Proxy page brings its own.
const layout = (body: string, head = "") =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>store</title>${themeStyle()}${head}</head><body><header class="theme-header" data-theme-header>qui pearl project</header><main>${body}</main></body></html>`;
const section = (html: string) => `<div class="page-width">${html}</div>`;

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
      // Published at 01:30 on 2 December in Tokyo (still the 1st in UTC), as the app writes the metafield.
      const published = JSON.parse(JSON.stringify(storefrontPolicyValue(1, new Date("2026-12-01T16:30:00Z"), applyRegisterStatement(seedPolicyContent(), statementOf(SHOPIFY_SEED)), "Asia/Tokyo")));
      const block = await renderAppBlock("privacy-policy", { locale, metafields: policyMetafield(published), assetBase: "/assets" });
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(layout(section(block.html)));
    }
    // ?customer=1: Shopify's `customer` for a logged-in shopper (given name first in `name`, as Shopify writes it).
    const customer = url.searchParams.get("customer") ? { name: "花子 山田", first_name: "花子", last_name: "山田", email: "hanako.member@example.jp", phone: "090-1234-5678" } : null;
    const options = { locale, metafields: policyMetafield(fixturePolicy), assetBase: "/assets", customer };
    const form = await renderAppBlock("request-form", options);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(layout(section(`<h1>${locale === "ja" ? "お問い合わせ" : "Contact"}</h1>${form.html}${form.scriptTags}`)));
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

  it("publishes the policy numbered as written, sub-sections inside their section, the register's countries by name, the date on the shop's calendar (ja, en, 390x844, desktop)", async () => {
    mkdirSync(path.join(outputDir, "screenshots"), { recursive: true });
    for (const [locale, width] of [["ja", 390], ["en", 390], ["ja", 1280], ["en", 1280]] as const) {
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
      // Published at 01:30 on 2 December in Tokyo: the shop's day, written as the language writes it.
      expect(await page.locator(".pd-policy__version").innerText()).toBe(locale === "ja" ? "第1版 · 2026年12月2日公開" : "Version 1 · Published December 2, 2026");
      await page.locator(".pd-policy__version").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-policy-end-${locale}-${width}.png`) });
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
      // The expiry as the storefront writes dates: the shop's day in words, no abbreviations or zone codes.
      const expires = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format((await db.packageDelivery.findUniqueOrThrow({ where: { requestId: request.id } })).expiresAt!);
      expect(await page.locator("main").innerText()).toContain(locale === "ja" ? `${expires}まで` : `until ${expires},`);
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

  const VIEWS = [["ja", 390], ["en", 390], ["ja", 1280], ["en", 1280]] as const;

  it("looks at home in the theme: its fonts, colours, field shape and buttons; error lines take no space until needed; agent fields only for an agent; a logged-in customer prefilled (ja, en, 390x844, desktop)", async () => {
    mkdirSync(path.join(outputDir, "screenshots"), { recursive: true });
    for (const [locale, width] of VIEWS) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, locale });
      const page = await context.newPage();
      await page.goto(`${store.url}/?locale=${locale}`);
      const style = (selector: string, ...names: string[]) =>
        page.locator(selector).first().evaluate((node, props) => {
          const computed = getComputedStyle(node);
          return Object.fromEntries(props.map((name) => [name, computed.getPropertyValue(name)]));
        }, names);
      const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      // Text fields: the theme's font and text colour, its input border (width, colour at its opacity) and radius.
      for (const selector of ["input[name=name]", "select[name=type]", "textarea[name=message]"]) {
        expect(await style(selector, "font-family", "color", "border-top-width", "border-top-color", "border-top-left-radius"), selector).toEqual({
          "font-family": bodyFont,
          color: `rgb(${THEME.foreground.replaceAll(",", ", ")})`,
          "border-top-width": THEME.inputsBorderWidth,
          "border-top-color": `rgba(${THEME.foreground.replaceAll(",", ", ")}, ${THEME.inputsBorderOpacity})`,
          "border-top-left-radius": THEME.inputsRadius,
        });
      }
      // The submit button is the theme's button.
      expect(await style("form[data-pd-form] button[type=submit]", "background-color", "color", "border-top-left-radius", "font-family")).toEqual({
        "background-color": `rgb(${THEME.button.replaceAll(",", ", ")})`,
        color: `rgb(${THEME.buttonText.replaceAll(",", ", ")})`,
        "border-top-left-radius": THEME.buttonsRadius,
        "font-family": bodyFont,
      });
      // Sized to the text, not the root: Dawn's root is 10px, where 40rem made a 400px column.
      const formWidth = (await page.locator("form[data-pd-form]").boundingBox())!.width;
      if (width > 1000) expect(formWidth).toBeGreaterThan(560);
      else expect(formWidth).toBeGreaterThan(width - 40);

      const errorHeights = await page.locator("[data-pd-error]").evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).getBoundingClientRect().height));
      expect(errorHeights.every((height) => height === 0)).toBe(true);
      const agentName = page.locator("input[name=agent_name]");
      expect(await agentName.isVisible()).toBe(false);
      await page.check("input[name=is_agent]");
      expect(await agentName.isVisible()).toBe(true);
      // From the top: a full-page shot draws the sticky header where the page was scrolled to.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-form-agent-${locale}-${width}.png`), fullPage: true });
      await page.uncheck("input[name=is_agent]");
      expect(await agentName.isVisible()).toBe(false);
      await page.click("button[type=submit]");
      await expect.poll(() => page.locator("input[name=name]").getAttribute("aria-invalid")).toBe("true");
      const nameError = page.locator("[data-pd-error=name]");
      expect((await nameError.boundingBox())?.height ?? 0).toBeGreaterThan(0);
      expect(await nameError.innerText()).toBe(locale === "ja" ? "入力してください" : "Please fill this in");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-form-errors-${locale}-${width}.png`), fullPage: true });

      // A logged-in customer finds their name (family name first in Japanese), email and phone filled in.
      await page.goto(`${store.url}/?locale=${locale}&customer=1`);
      expect(await page.inputValue("input[name=name]")).toBe(locale === "ja" ? "山田 花子" : "花子 山田");
      expect(await page.inputValue("input[name=email]")).toBe("hanako.member@example.jp");
      expect(await page.inputValue("input[name=phone]")).toBe("090-1234-5678");
      await context.close();
    }
  });

  it("with JavaScript: inline errors tied to fields, then the confirmation in the form's place, in view below the theme's sticky header, with focus on it (ja, en, 390x844, desktop)", async () => {
    for (const [index, [locale, width]] of VIEWS.entries()) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, locale });
      const page = await context.newPage();
      await page.goto(`${store.url}/?locale=${locale}`);
      await page.click("button[type=submit]");
      const name = page.locator("input[name=name]");
      await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`#${describedBy.split(" ")[0]}`).textContent()).toBe(locale === "ja" ? "入力してください" : "Please fill this in");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("name");

      // Acting as an agent asks for the agent's details before anything is sent.
      await page.check("input[name=is_agent]");
      await page.click("button[type=submit]");
      await expect.poll(() => page.locator("input[name=agent_name]").getAttribute("aria-invalid")).toBe("true");
      await page.uncheck("input[name=is_agent]");

      await name.fill("山田 花子🌸");
      const email = `hanako.js.${index}@example.jp`;
      await page.fill("input[name=email]", email);
      await page.fill("textarea[name=message]", "<b>開示</b>をお願いします");
      await page.check("input[name=consent]");
      await page.click("button[type=submit]");
      const done = page.getByRole("region", { name: locale === "ja" ? "ご請求を受け付けました" : "We have received your request" });
      await done.waitFor({ state: "visible" });
      const reference = (await page.locator("[data-pd-reference]").textContent()) ?? "";
      expect(reference).toMatch(/^PD-\d{4}-\d{5}$/);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-pd-done"))).toBe(true);
      // In the form's place: the form and the block's heading are gone, the confirmation starts where they did.
      expect(await page.locator("form[data-pd-form]").isVisible()).toBe(false);
      expect(await page.getByRole("heading", { name: locale === "ja" ? "個人情報に関するご請求・お問い合わせ" : "Requests and questions about your personal information" }).isVisible()).toBe(false);
      const block = (await page.locator("[data-pd-root]").boundingBox())!;
      const box = (await done.boundingBox())!;
      expect(Math.abs(box.y - block.y)).toBeLessThan(1);
      // Wholly in view, not under the sticky header.
      const header = (await page.locator("[data-theme-header]").boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(header.y + header.height);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(page.url()).toBe(`${store.url}/?locale=${locale}`);
      const stored = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference } });
      expect(stored).toMatchObject({ customerName: "山田 花子🌸", message: "<b>開示</b>をお願いします", isAgent: false });
      // The confirmation's status link is the request's own (a token, not the sequential reference).
      expect(await page.locator("[data-pd-done] [data-pd-status-link]").getAttribute("href")).toMatch(/^\/apps\/privacy\/requests\/status\?token=[\w-]{43}$/);
      await page.screenshot({ path: path.join(outputDir, "screenshots", `storefront-form-done-${locale}-${width}.png`) });
      await context.close();
    }
  });

  it("without JavaScript: plain POST, the reference page, then the status page showing that one request (ja, en, 390x844, desktop)", async () => {
    mkdirSync(path.join(outputDir, "screenshots"), { recursive: true });
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(store.url);
    await page.fill("input[name=name]", "佐藤 一郎");
    await page.fill("input[name=email]", "ichiro.nojs@example.jp");
    await page.check("input[name=consent]");
    await page.click("button[type=submit]");
    const reference = (await page.locator("[data-pd-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^PD-\d{4}-\d{5}$/);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, reference } })).toBe(1);
    await page.screenshot({ path: path.join(outputDir, "screenshots", "storefront-received-ja-390.png") });

    // The status link opens the request's status at once (its token names the request): that result alone, no form.
    const statusHref = (await page.locator(`a[href*="status?token="]`).getAttribute("href"))!;
    await page.click(`a[href*="status?token="]`);
    expect(await page.locator("[data-pd-status]").getAttribute("data-pd-status")).toBe("received");
    expect(await page.locator("form").count()).toBe(0);
    const shown = await page.locator("main").innerText();
    expect(shown).toContain("受付済み");
    expect(shown).toContain(reference);
    expect(shown).not.toMatch(/\breceived\b|\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/);

    // Another look-up: reference and email, then again that one result.
    await page.getByRole("link", { name: "別のご請求の状況を確認する" }).click();
    await page.fill("input[name=reference]", reference);
    await page.fill("input[name=email]", "ichiro.nojs@example.jp");
    await page.click("button[type=submit]");
    expect(await page.locator("[data-pd-status]").getAttribute("data-pd-status")).toBe("received");
    expect(await page.locator("form").count()).toBe(0);
    await context.close();

    // The page as shoppers see it, in each language and width (the request was received today, in Tokyo).
    const received = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference } });
    const day = (locale: "ja" | "en") => new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(received.receivedAt);
    for (const [locale, width] of VIEWS) {
      const view = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 844 } });
      const statusPage = await view.newPage();
      await statusPage.goto(`${store.url}${statusHref.replace(/&amp;/g, "&").replace(/locale=\w+/, `locale=${locale}`)}`);
      const text = await statusPage.locator("main").innerText();
      expect(text).toContain(locale === "ja" ? "受付済み" : "Received");
      expect(text).toContain(day(locale));
      if (locale === "en") expect(text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      // The theme's page container and field shape reach the App Proxy page too.
      const card = statusPage.locator(".pd-proxy__card");
      expect(await card.evaluate((node) => getComputedStyle(node).borderTopLeftRadius)).toBe(THEME.inputsRadius);
      await statusPage.screenshot({ path: path.join(outputDir, "screenshots", `storefront-status-${locale}-${width}.png`) });
      if (locale === "ja" && width === 390) {
        await statusPage.getByRole("link", { name: "別のご請求の状況を確認する" }).click();
        await statusPage.fill("input[name=reference]", "PD-2026-99999");
        await statusPage.fill("input[name=email]", "nobody@example.jp");
        await statusPage.click("button[type=submit]");
        expect(await statusPage.getByRole("alert").innerText()).toContain("見つかりません");
        expect(await statusPage.inputValue("input[name=email]")).toBe("nobody@example.jp");
        await statusPage.screenshot({ path: path.join(outputDir, "screenshots", "storefront-status-not-found-ja-390.png") });
      }
      await view.close();
    }
  });
});
