// Notices are signed with the shop's name, also when they were queued before any staff member opened
// the app (a storefront request, a webhook): the built server's mail worker learns the name from
// Shopify with the shop's offline token before sending (Shop.name needs no access scope in the
// published schema), waits when Shopify does not answer, and signs with the domain only when the
// shop has no token at all, so the name cannot be known. The name is also read the moment the app
// gets its token (afterAuth), without any page being opened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { ADMIN_API_VERSION, startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../support/fixtures";
import { embeddedAppUrl, mintSessionToken } from "../support/sessionToken";
import { loadPublishedAdminSchema } from "../support/shopifySchema";
import { startSmtpCatcher } from "./requests/smtpCatcher";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { SHOP_CONTACT_PLACEHOLDER, SHOP_NAME_PLACEHOLDER } from "../../app/privacy/mail/signaturePlaceholders";

const NEVER_OPENED = "never-opened.myshopify.com";

describe(`notices signed with the shop's name before anyone opened the app, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let app: RunningApp;

  const mailSettings = (shop: string) => ({ shop, mailFrom: "desk@example.jp", smtpHost: "127.0.0.1", smtpPort: smtp.port });
  const offlineSession = (shop: string, accessToken = FIXTURE_ACCESS_TOKEN) =>
    database.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: DEFAULT_SCOPES.join(",") } });
  const storefrontRequest = (shop: string, email: string) => createPrivacyRequest(database.db, { shop, type: "inquiry", source: "storefront", email, message: "配送について" }, "shopper");
  const lastLine = (text: string) => text.trim().split(/\r?\n/).at(-1)!.trim();

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "shopname");
    standIn = await startAdminApiStandIn();
    smtp = await startSmtpCatcher();
    // Installed (offline token stored), mail set up by the sandbox's seed, no page ever opened:
    // the app knows neither the shop's name nor a business name.
    await offlineSession(DEMO_SHOP);
    for (const shop of [DEMO_SHOP, OTHER_SHOP, NEVER_OPENED]) await database.db.shopSettings.create({ data: mailSettings(shop) });
    app = await startApp({ database, adminApiUrl: standIn.url, env: { MAIL_WORKER_POLL_MS: "100" } });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
    await standIn?.close();
    await database?.drop();
  });

  it("reads Shop.name and the shop's country with no access scope, as Shopify's published schema says and the stand-in answers", async () => {
    const published = loadPublishedAdminSchema(ADMIN_API_VERSION);
    expect(published.fieldRequirements("Shop", "name")).toEqual([]);
    expect(published.fieldRequirements("Shop", "contactEmail")).toEqual([]);
    expect(published.fieldRequirements("Shop", "shopAddress")).toEqual([]);
    expect(published.fieldRequirements("ShopAddress", "countryCodeV2")).toEqual([]);
    const noScopes = await standIn.handle({
      shop: DEMO_SHOP,
      accessToken: FIXTURE_ACCESS_TOKEN,
      body: JSON.stringify({ query: "query PrivacyDeskShopNames { shop { name contactEmail shopAddress { countryCodeV2 } } }" }),
    });
    expect(noScopes.json).toMatchObject({ data: { shop: { name: "Qui Pearl", shopAddress: { countryCodeV2: "JP" } } } });
  });

  it("queues the notice with placeholders for the name and contact, then sends it signed with the name and contact address Shopify gives", async () => {
    const request = await storefrontRequest(DEMO_SHOP, "hanako@example.jp");
    const queued = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } });
    expect(queued.body).toContain(SHOP_NAME_PLACEHOLDER);
    expect(queued.body).toContain(`お問い合わせ: ${SHOP_CONTACT_PLACEHOLDER}`);
    await expect.poll(() => smtp.received.filter((mail) => mail.to.includes("hanako@example.jp")).length, { timeout: 15_000 }).toBe(1);
    const sent = smtp.received.find((mail) => mail.to.includes("hanako@example.jp"))!;
    // The contact line is filled in from Shopify's contact address, not dropped.
    expect(sent.text.trim().split(/\r?\n/).slice(-2).map((line) => line.trim())).toEqual(["Qui Pearl", "お問い合わせ: owner@qui-pearl.example.jp"]);
    expect(sent.text).not.toContain(SHOP_NAME_PLACEHOLDER);
    expect(sent.text).not.toContain(SHOP_CONTACT_PLACEHOLDER);
    expect(lastLine(sent.text)).not.toContain(DEMO_SHOP);
    expect(await database.db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({ shopName: "Qui Pearl", shopContactEmail: expect.any(String) });
    expect(standIn.calls.some((call) => call.shop === DEMO_SHOP && call.operationName === "PrivacyDeskShopNames")).toBe(true);
  });

  // Set up, with its name, before set-up read the country (which keys a phone written in national
  // form as E.164): the next admin page reads it, as ensureShopSetUp promises.
  it("reads the country on the next admin page of a shop set up with its name before the country was read", async () => {
    await database.db.shopSettings.update({ where: { shop: DEMO_SHOP }, data: { setUpAt: new Date("2026-11-01T00:00:00Z"), shopName: "Qui Pearl", shopCountry: null } });
    const url = embeddedAppUrl(app.url, "/app", { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale: "ja" });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status).toBe(200);
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).shopCountry).toBe("JP");
  });

  it("signs with the domain only when the shop has no token, so its name cannot be known", async () => {
    await storefrontRequest(NEVER_OPENED, "taro@example.jp");
    await expect.poll(() => smtp.received.filter((mail) => mail.to.includes("taro@example.jp")).length, { timeout: 15_000 }).toBe(1);
    const sent = smtp.received.find((mail) => mail.to.includes("taro@example.jp"))!.text;
    // Nor can its contact address: the contact line is left out, never sent with a bare label.
    expect(lastLine(sent)).toBe(NEVER_OPENED);
    expect(sent).not.toMatch(/^お問い合わせ:/m);
    expect(sent).not.toContain(SHOP_CONTACT_PLACEHOLDER);
  });

  it("reads the name the moment the app gets the shop's token (afterAuth), with no page opened", async () => {
    expect(await database.db.session.findUnique({ where: { id: `offline_${OTHER_SHOP}` } })).toBeNull();
    const token = mintSessionToken({ shop: OTHER_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "42" });
    // The customer search renders no layout, which would set the shop up on its own.
    const response = await fetch(`${app.url}/app/customers/search?q=ab`, { headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(standIn.tokenExchanges.some((exchange) => exchange.shop === OTHER_SHOP)).toBe(true);
    const settings = await database.db.shopSettings.findUniqueOrThrow({ where: { shop: OTHER_SHOP } });
    expect(settings.shopName).toBe("Other Shop");
    expect(settings.shopCountry).toBe("JP");
    expect(settings.setUpAt).not.toBeNull();
    expect(settings.timeZone).toBe("Asia/Tokyo");
  });

  it("keeps the notice waiting, unsigned, while Shopify does not answer, rather than sign with the domain", async () => {
    await database.db.shopSettings.update({ where: { shop: OTHER_SHOP }, data: { shopName: null } });
    await database.db.session.update({ where: { id: `offline_${OTHER_SHOP}` }, data: { accessToken: "shpat_revoked" } });
    const request = await storefrontRequest(OTHER_SHOP, "jiro@example.jp");
    await expect
      .poll(async () => (await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } })).lastError, { timeout: 15_000 })
      .toBe("shop_name_unavailable");
    const waiting = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } });
    expect(waiting.status).toBe("pending");
    expect(smtp.received.some((mail) => mail.to.includes("jiro@example.jp"))).toBe(false);
    expect(app.output()).not.toContain("jiro@example.jp");
  });
});
