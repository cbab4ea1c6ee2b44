// Without the read_all_orders scope Shopify shows the app only the last 60 days of orders. The
// disclosure package must then say so, to the person (HTML, CSV, JSON) and to staff (the request
// page and the timeline), instead of silently covering 60 days; with the scope it lists them all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "../../../app/config.server";
import { disclosureJobStatus, latestDisclosurePackage, startDisclosureJob } from "../../../app/privacy/disclosure/disclosureJob";
import { packageCsv, packageHtml, packageJson } from "../../../app/privacy/disclosure/disclosurePackage";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { changeRequestStatus } from "../../../app/privacy/requests/lifecycle";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../../support/database";
import { BUSY_CUSTOMER_ID, BUSY_CUSTOMER_ORDERS, DEMO_SHOP, demoFixtureShop, FIXTURE_ACCESS_TOKEN, grantedScopes, requestedScopes, shopWithOrderWindow } from "../../support/fixtures";
import { embeddedAppUrl } from "../../support/sessionToken";
import { formatCalendarDate } from "../../../app/privacy/calendarDate";

const STAFF = "staff:owner@quipearl.example";
const DAY = 86_400_000;

describe(`the disclosure package without read_all_orders on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  // The last 59 of the busy customer's 600 orders are inside the 60-day window.
  const moved = shopWithOrderWindow(demoFixtureShop(), BUSY_CUSTOMER_ID, 540);
  const inWindow = BUSY_CUSTOMER_ORDERS - 541;

  beforeAll(async () => {
    process.env.PRIVACY_DESK_HASH_KEY ??= "order-window-hash-key";
    database = await createTestDatabase(undefined, "orderwindow");
    // The shop granted what shopify.app.toml asks for, and Shopify has not approved read_all_orders.
    // A large query-cost bucket: throttling is another test's subject, and 600 orders would wait on it.
    standIn = await startAdminApiStandIn({ shops: [{ ...moved, grantedScopes: requestedScopes() }], bucket: { maximumAvailable: 100_000, restoreRate: 10_000 } });
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url, env: { JOB_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  /** Staff start the package; the app's own background worker builds it through the stand-in. */
  async function buildPackage(language: "ja" | "en") {
    const request = await createPrivacyRequest(
      database.db,
      {
        shop: DEMO_SHOP,
        type: "disclosure",
        source: "storefront",
        email: `window-${language}@example.jp`,
        language,
        shopifyCustomerId: String(BUSY_CUSTOMER_ID),
        identity: { method: "shopify_customer_login", verifiedAt: new Date() },
      },
      "shopper",
    );
    await changeRequestStatus(database.db, DEMO_SHOP, request.id, "in_progress", STAFF);
    const startedAt = Date.now();
    await startDisclosureJob(database.db, DEMO_SHOP, request.id, STAFF);
    const deadline = Date.now() + 60_000;
    let status = await disclosureJobStatus(database.db, DEMO_SHOP, request.id);
    while (status?.status !== "done") {
      if (status?.status === "failed" || Date.now() > deadline) expect.fail(`package job ${JSON.stringify(status)}\n${app.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await disclosureJobStatus(database.db, DEMO_SHOP, request.id);
    }
    const pkg = (await latestDisclosurePackage(database.db, DEMO_SHOP, request.id))!;
    return { request, pkg, windowFrom: startedAt - 60 * DAY, windowTo: Date.now() - 60 * DAY };
  }

  // The letter writes dates as every notice and storefront page does; the admin page in its compact form.
  const day = (iso: string, language: "ja" | "en", style: "letter" | "medium") =>
    style === "letter" ? formatCalendarDate(new Date(iso), language, "Asia/Tokyo") : new Intl.DateTimeFormat(language === "ja" ? "ja-JP" : "en-GB", { dateStyle: style, timeZone: "Asia/Tokyo" }).format(new Date(iso));

  const requestPage = async (id: string, locale: "ja" | "en") => {
    const url = embeddedAppUrl(app.url, `/app/requests/${id}`, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, locale });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it("keeps in the package's data that it covers only the last 60 days, and how many orders Shopify holds", async () => {
    const { pkg, windowFrom, windowTo } = await buildPackage("ja");
    expect(pkg.shopify!.orders).toHaveLength(inWindow);
    const coverage = pkg.shopify!.orderCoverage;
    expect(coverage).toMatchObject({ allOrders: false, ordersHeld: BUSY_CUSTOMER_ORDERS, ordersIncluded: inWindow });
    expect(Date.parse(coverage.since!)).toBeGreaterThanOrEqual(windowFrom);
    expect(Date.parse(coverage.since!)).toBeLessThanOrEqual(windowTo);
    expect(JSON.parse(packageJson(pkg)).shopify.orderCoverage).toMatchObject({ allOrders: false, ordersHeld: BUSY_CUSTOMER_ORDERS });
    expect(packageCsv(pkg)).toContain(`order_coverage,gid://shopify/Customer/${BUSY_CUSTOMER_ID},allOrders,false`);
  });

  it("tells the person in their language, with the date the window starts", async () => {
    const ja = await buildPackage("ja");
    expect(packageHtml(ja.pkg)).toContain(
      `直近60日分（${day(ja.pkg.shopify!.orderCoverage.since!, "ja", "letter")}以降）のみを記載しています。Shopify にはお客様のご注文が${BUSY_CUSTOMER_ORDERS}件あり、このうち${inWindow}件を記載しました。`,
    );
    const en = await buildPackage("en");
    expect(packageHtml(en.pkg)).toContain(`Orders are listed only for the last 60 days (since ${day(en.pkg.shopify!.orderCoverage.since!, "en", "letter")})`);
    expect(packageHtml(en.pkg)).toContain(`Shopify holds ${BUSY_CUSTOMER_ORDERS} orders of yours; ${inWindow} are listed here.`);
  });

  it("warns staff on the request page and in the timeline", async () => {
    const { request, pkg } = await buildPackage("ja");
    const event = await database.db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, action: "disclosure_ready" } });
    expect(JSON.parse(event.detail)).toMatchObject({ ordersLimited: true, orders: inWindow });
    const since = day(pkg.shopify!.orderCoverage.since!, "ja", "medium");
    expect(await requestPage(request.id, "ja")).toContain(
      `このデータに含まれる注文は直近60日分（${since}以降）のみです。Shopify にあるこの顧客の注文 ${BUSY_CUSTOMER_ORDERS} 件のうち ${inWindow} 件です。`,
    );
    expect(await requestPage(request.id, "en")).toContain("This package holds only the last 60 days of orders");
  });

  it("says nothing of a window once read_all_orders is granted, and lists every order", async () => {
    standIn.state.shop(DEMO_SHOP).fixture.grantedScopes = grantedScopes();
    try {
      const { request, pkg } = await buildPackage("ja");
      expect(pkg.shopify!.orderCoverage).toEqual({ allOrders: true, since: null, ordersHeld: BUSY_CUSTOMER_ORDERS, ordersIncluded: BUSY_CUSTOMER_ORDERS });
      expect(packageHtml(pkg)).not.toContain("直近60日分");
      const event = await database.db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, action: "disclosure_ready" } });
      expect(JSON.parse(event.detail)).toMatchObject({ ordersLimited: false });
      expect(await requestPage(request.id, "ja")).not.toContain("直近60日分");
    } finally {
      standIn.state.shop(DEMO_SHOP).fixture.grantedScopes = requestedScopes();
    }
  });
});
