// The identity link mailed to a shopper, followed through the App Proxy on the built server; and the
// disclosure's download link in the decision notice, behind the identity the request was verified
// with (a login as its customer, or a code mailed to its address), expiring, counted and recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentText } from "../support/mail";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, TEST_API_SECRET, startApp, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { sendIdentityLink } from "../../app/privacy/identity/emailLink";
import { completeRequest } from "../../app/privacy/requests/lifecycle";
import { DISCLOSURE_JOB } from "../../app/privacy/disclosure";
import { deliverPackage, recordDeliverySent } from "../../app/privacy/disclosure/delivery";
import { markMailSentByHand } from "../../app/privacy/mail";
import { formatCalendarDate } from "../../app/privacy/calendarDate";

const SHOP = "verify-shop.myshopify.com";
const OTHER = "verify-other.myshopify.com";

describe(`identity link through the App Proxy on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "verify");
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function mailedToken(shop = SHOP) {
    const request = await createPrivacyRequest(
      database.db,
      { shop, type: "disclosure", source: "storefront", email: "verify@example.jp", customerName: "確認 太郎" },
      "shopper",
    );
    await sendIdentityLink(database.db, shop, request.id, "staff:1");
    const mail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "identity_link" } });
    const link = new URL(/https:\/\/\S+/.exec(await sentText(database.db, mail.id))![0]);
    expect(link.pathname).toBe("/apps/privacy/verify");
    return { request, token: link.searchParams.get("token")! };
  }

  const call = (method: "GET" | "POST", shop: string, token: string, json = false) => {
    const query = signedProxyQuery({ shop, secret: TEST_API_SECRET }, method === "GET" ? { token } : {});
    return fetch(`${app.url}/proxy/verify?${query}`, {
      method,
      headers: {
        "User-Agent": BROWSER_UA,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": `198.51.100.${Math.floor(Math.random() * 200) + 1}`,
        ...(json ? { Accept: "application/json" } : {}),
      },
      body: method === "POST" ? new URLSearchParams({ token, locale: "en" }).toString() : undefined,
    });
  };

  it("shows a confirmation button on GET and leaves the token unused", async () => {
    const { request, token } = await mailedToken();
    const page = await call("GET", SHOP, token);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("application/liquid");
    const html = await page.text();
    expect(html).toContain('action="/apps/privacy/verify"');
    expect(html).toContain(`value="${token}"`);
    const after = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.identityStatus).toBe("pending_link");
  });

  it("verifies the request on POST, once", async () => {
    const { request, token } = await mailedToken();
    const first = await call("POST", SHOP, token, true);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, reference: request.reference });
    const verified = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(verified.identityStatus).toBe("verified");
    expect(verified.identityVerifiedAt).not.toBeNull();

    const again = await call("POST", SHOP, token, true);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ ok: false, reason: "used" });
  });

  it("refuses another shop's token and malformed tokens without changing anything", async () => {
    const { request, token } = await mailedToken();
    const foreign = await call("POST", OTHER, token, true);
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ ok: false, reason: "invalid" });
    expect((await call("GET", SHOP, "short")).status).toBe(400);
    const unchanged = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(unchanged.identityStatus).toBe("pending_link");
  });

  it("rejects an unsigned request", async () => {
    const response = await fetch(`${app.url}/proxy/verify?shop=${SHOP}&token=x`, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  describe("the disclosure's download link", () => {
    const CUSTOMER = "7001";
    const pkg = (reference: string) => ({
      reference,
      shop: SHOP,
      businessName: "qui pearl project",
      language: "ja",
      deliveryMethod: "electronic",
      generatedAt: "2026-11-20T00:00:00.000Z",
      shopify: null,
      appRecords: { shop: SHOP, shopifyCustomerId: CUSTOMER, generatedAt: "2026-11-20T00:00:00.000Z", requests: [], consentRecords: [], formSubmissions: [], provisionRecords: [] },
    });

    /** A disclosure verified as given, its package built, completed by staff: the decision notice's link. */
    async function completedDisclosure(method: "email_link" | "shopify_customer_login", deliveryMethod: "electronic" | "paper" | "other" = "electronic", language: "ja" | "en" = "ja") {
      const db = database.db;
      const request = await createPrivacyRequest(
        db,
        { shop: SHOP, type: "disclosure", source: "storefront", email: "hanako@example.jp", customerName: "山田 花子", deliveryMethod, language, ...(method === "shopify_customer_login" ? { shopifyCustomerId: CUSTOMER } : {}) },
        "shopper",
      );
      await db.privacyRequest.update({ where: { id: request.id }, data: { status: "in_progress", identityStatus: "verified", identityMethod: method } });
      await db.job.create({ data: { shop: SHOP, kind: DISCLOSURE_JOB, requestId: request.id, status: "done", result: JSON.stringify(pkg(request.reference)) } });
      await completeRequest(db, SHOP, request.id, "staff:1");
      const notice = await db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "decision" } });
      const found = /https:\/\/\S+\/apps\/privacy\/download\?token=[A-Za-z0-9_-]{43}/.exec(notice.body);
      return { request, notice, token: found ? new URL(found[0]).searchParams.get("token")! : null };
    }

    let loggedInCalls = 0;
    let firstSecond: number | undefined;
    const proxy = (method: "GET" | "POST", token: string, options: { shop?: string; customer?: string; body?: Record<string, string>; json?: boolean } = {}) => {
      // Each call is a shopper's request of its own, seconds apart: a logged-in query is good for one
      // post, and Shopify signs with whole seconds, so each logged-in call gets a second of its own,
      // counting down from half a minute ahead (well inside the 90 s Shopify's signature allows).
      firstSecond ??= Math.floor(Date.now() / 1000) + 30;
      const timestamp = options.customer ? firstSecond - loggedInCalls++ : undefined;
      const query = signedProxyQuery({ shop: options.shop ?? SHOP, secret: TEST_API_SECRET, loggedInCustomerId: options.customer, timestamp }, method === "GET" ? { token } : {});
      return fetch(`${app.url}/proxy/download?${query}`, {
        method,
        headers: {
          "User-Agent": BROWSER_UA,
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 200) + 1}`,
          ...(options.json ? { Accept: "application/json" } : {}),
        },
        body: method === "POST" ? new URLSearchParams({ token, ...options.body }).toString() : undefined,
      });
    };

    it("puts a link in the decision notice that opens nothing without the mailed code, then the letter once per download", async () => {
      const { request, notice, token } = await completedDisclosure("email_link");
      expect(token).not.toBeNull();
      // Expires after the Settings' 14 days, said as a date on the shop's calendar.
      const delivery0 = await database.db.packageDelivery.findUniqueOrThrow({ where: { requestId: request.id } });
      expect(Math.round((delivery0.expiresAt!.getTime() - delivery0.createdAt.getTime()) / 86_400_000)).toBe(14);
      expect(notice.body).toContain(`${formatCalendarDate(delivery0.expiresAt!, "ja", "Asia/Tokyo")}まで、5回まで`);
      expect(notice.body).toContain("確認コード");
      const offer = await proxy("GET", token!);
      expect(offer.status).toBe(200);
      const offerHtml = await offer.text();
      expect(offerHtml).toContain("h***@example.jp");
      expect(offerHtml).not.toContain("hanako@");
      // A download straight away, without the code, is refused and counts nothing.
      const blind = await proxy("POST", token!, { body: { intent: "download", format: "html", code: "000000" }, json: true });
      expect(blind.status).toBe(400);
      const asked = await proxy("POST", token!, { body: { intent: "code", locale: "ja" } });
      expect(asked.status).toBe(200);
      // No SMTP in this shop: the page says the code is arranged, never that it was sent.
      const askedHtml = await asked.text();
      expect(askedHtml).toContain("手配しました");
      expect(askedHtml).not.toContain("お送りしました");
      const codeMail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "download_code" } });
      const code = /\b(\d{6})\b/.exec(codeMail.body)![1];
      const wrong = await proxy("POST", token!, { body: { intent: "download", format: "html", code: code === "123456" ? "654321" : "123456" } });
      expect(wrong.status).toBe(400);
      const file = await proxy("POST", token!, { body: { intent: "download", format: "html", code } });
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toContain("text/html");
      expect(file.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(await file.text()).toContain(request.reference);
      const csv = await proxy("POST", token!, { body: { intent: "download", format: "csv", code } });
      expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename=".*-disclosure\.csv"/);
      const delivery = await database.db.packageDelivery.findUniqueOrThrow({ where: { requestId: request.id } });
      expect(delivery).toMatchObject({ method: "electronic", downloads: 2, maxDownloads: 5 });
      expect(delivery.firstDownloadedAt).not.toBeNull();
      const events = await database.db.requestEvent.findMany({ where: { requestId: request.id, action: "disclosure_downloaded" }, orderBy: { at: "asc" } });
      expect(events.map((e) => JSON.parse(e.detail))).toEqual([
        { format: "html", via: "link_code", count: 1, of: 5 },
        { format: "csv", via: "link_code", count: 2, of: 5 },
      ]);
      // Another shop's signed request with the same token finds nothing.
      expect((await proxy("GET", token!, { shop: OTHER })).status).toBe(404);
    });

    it.each([
      ["ja", /(\d{4}年\d{1,2}月\d{1,2}日)まで、5回まで/, /^\d{4}年\d{1,2}月\d{1,2}日$/],
      ["en", /works until (.+?), up to 5 times/, /^[A-Z][a-z]+ \d{1,2}, \d{4}$/],
    ] as const)("writes the link's last day in the notice (%s) as the download page writes it", async (language, inNotice, shape) => {
      const { notice, token } = await completedDisclosure("email_link", "electronic", language);
      const date = inNotice.exec(notice.body)?.[1] ?? "";
      expect(date).toMatch(shape);
      expect(await (await proxy("GET", token!)).text()).toContain(date);
    });

    it("locks the code after five wrong tries", async () => {
      const { token, request } = await completedDisclosure("email_link");
      await proxy("POST", token!, { body: { intent: "code" } });
      const codeMail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "download_code" } });
      const code = /\b(\d{6})\b/.exec(codeMail.body)![1];
      const other = code === "111111" ? "222222" : "111111";
      for (let i = 0; i < 5; i++) await proxy("POST", token!, { body: { intent: "download", code: other } });
      const locked = await proxy("POST", token!, { body: { intent: "download", code }, json: true });
      expect(locked.status).toBe(400);
      expect(await locked.json()).toMatchObject({ reason: "code_expired" });
      expect((await database.db.packageDelivery.findUniqueOrThrow({ where: { requestId: request.id } })).downloads).toBe(0);
    });

    it("asks a request verified by login for that login, refuses another customer, and counts account downloads on the same delivery", async () => {
      const { token, request } = await completedDisclosure("shopify_customer_login");
      const loggedOut = await proxy("GET", token!);
      expect(loggedOut.status).toBe(200);
      expect(await loggedOut.text()).toContain("/account/login?return_url=");
      expect((await proxy("GET", token!, { customer: "7999" })).status).toBe(403);
      const wrong = await proxy("POST", token!, { customer: "7999", body: { intent: "download", format: "json" } });
      expect(wrong.status).toBe(403);
      const form = await proxy("GET", token!, { customer: CUSTOMER });
      expect(await form.text()).toContain('name="format"');
      const file = await proxy("POST", token!, { customer: CUSTOMER, body: { intent: "download", format: "json" } });
      expect(file.status).toBe(200);
      expect(JSON.parse(await file.text())).toMatchObject({ reference: request.reference });
      // The account page's downloads draw on the same count: 1 + 4 = the limit of 5, then nothing.
      for (let i = 0; i < 4; i++) expect(await deliverPackage(database.db, { shop: SHOP, requestId: request.id, format: "html", via: "customer_account" })).not.toBeNull();
      expect(await deliverPackage(database.db, { shop: SHOP, requestId: request.id, format: "html", via: "customer_account" })).toBeNull();
      const spent = await proxy("POST", token!, { customer: CUSTOMER, body: { intent: "download", format: "json" }, json: true });
      expect(spent.status).toBe(410);
      expect(await spent.json()).toMatchObject({ reason: "used_up" });
      const events = await database.db.requestEvent.findMany({ where: { requestId: request.id, action: "disclosure_downloaded" } });
      expect(events.map((e) => JSON.parse(e.detail).via).sort()).toEqual(["customer_account", "customer_account", "customer_account", "customer_account", "link_login"]);
    });

    it("stops working when it expires", async () => {
      const { token, request } = await completedDisclosure("shopify_customer_login");
      await database.db.packageDelivery.update({ where: { requestId: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const expired = await proxy("GET", token!, { customer: CUSTOMER, json: true });
      expect(expired.status).toBe(410);
      expect(await expired.json()).toMatchObject({ reason: "expired" });
      expect((await proxy("GET", "A".repeat(43))).status).toBe(404);
    });

    it("makes no link for a paper delivery; staff record the sending, and the status page tells only what was sent", async () => {
      const { token, request, notice } = await completedDisclosure("email_link", "paper");
      expect(token).toBeNull();
      expect(notice.body).toContain("郵送");
      const status = () =>
        fetch(`${app.url}/proxy/requests/status?${signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET })}`, {
          method: "POST",
          headers: { "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "X-Forwarded-For": "192.0.2.77" },
          body: new URLSearchParams({ reference: request.reference, email: "hanako@example.jp", locale: "ja" }).toString(),
        }).then((r) => r.json() as Promise<{ nextStep: string }>);
      // The decision notice waits (no SMTP): the page must not say it was sent.
      expect((await status()).nextStep).toContain("追ってお知らせします");
      // The mail loop finds no SMTP and leaves it for staff to copy; staff send it and say so.
      await database.db.outboundMail.update({ where: { id: notice.id }, data: { status: "unconfigured" } });
      expect(await markMailSentByHand(database.db, SHOP, notice.id)).toBe(true);
      expect((await status()).nextStep).toContain("メールでお知らせしています");
      await expect(recordDeliverySent(database.db, SHOP, request.id, "staff:1", { sentAt: "2999-01-01", via: "post" })).rejects.toThrow(/future/);
      await expect(recordDeliverySent(database.db, SHOP, request.id, "staff:1", { sentAt: "2026-12-01", via: "pigeon" })).rejects.toThrow(/via/);
      await recordDeliverySent(database.db, SHOP, request.id, "staff:1", { sentAt: "2026-12-01", via: "post", note: "レターパック 1234" });
      const delivery = await database.db.packageDelivery.findUniqueOrThrow({ where: { requestId: request.id } });
      expect(delivery).toMatchObject({ method: "paper", sentVia: "post", sentNote: "レターパック 1234", sentBy: "staff:1", tokenHash: null });
      expect(await database.db.requestEvent.count({ where: { requestId: request.id, action: "delivery_sent" } })).toBe(1);
    });
  });
});
