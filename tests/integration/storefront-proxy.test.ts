// The storefront's App Proxy endpoints through the built server, with queries signed like Shopify's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, TEST_API_SECRET, startApp, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";

const SHOP = "qui-pearl-demo.myshopify.com";
const BURST_SHOP = "burst-shop.myshopify.com";
const MARKUP = `<script>alert("x")</script><img src=x onerror=alert(1)>{{ shop.email }}{% layout none %}`;

let ipCounter = 1;
const freshIp = () => `203.0.113.${ipCounter++}`;

function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    locale: "ja",
    policy_version: "2",
    type: "disclosure",
    name: "山田 花子",
    email: `hanako.${Math.random().toString(36).slice(2)}@example.jp`,
    phone: "",
    order: "",
    delivery: "electronic",
    message: "保有個人データの開示をお願いします。",
    consent: "1",
    website: "",
    ...overrides,
  };
}

/** The JSON answers' fields; each test asserts the ones it relies on before using them. */
interface ProxyJson {
  ok: boolean;
  reference: string;
  statusUrl: string;
  message: string;
  status: string;
  errors: Record<string, string>;
}

/** Shopify's timestamp for a request signed `seconds` from now (whole seconds, as Shopify signs). */
const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

interface PostOptions {
  ip?: string;
  json?: boolean;
  shop?: string;
  customerId?: string;
  timestamp?: number;
  query?: URLSearchParams;
  body?: string;
  contentType?: string;
  referer?: string;
}

describe(`storefront App Proxy on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  async function post(path: string, fields: Record<string, string>, options: PostOptions = {}) {
    const query =
      options.query ??
      signedProxyQuery({
        shop: options.shop ?? SHOP,
        secret: TEST_API_SECRET,
        loggedInCustomerId: options.customerId,
        timestamp: options.timestamp,
      });
    const headers: Record<string, string> = {
      "User-Agent": BROWSER_UA,
      "Content-Type": options.contentType ?? "application/x-www-form-urlencoded",
      "X-Forwarded-For": options.ip ?? freshIp(),
    };
    if (options.json) headers.Accept = "application/json";
    if (options.referer) headers.Referer = options.referer;
    const response = await fetch(`${app.url}/proxy/${path}?${query}`, {
      method: "POST",
      headers,
      body: options.body ?? new URLSearchParams(fields).toString(),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as ProxyJson };
  }

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "storefront");
    for (const version of [1, 2]) {
      await database.db.policyVersion.create({
        data: { shop: SHOP, version, contentHash: `hash-${version}`, content: "{}", publishedAt: new Date(Date.now() - (3 - version) * 86_400_000) },
      });
    }
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("commits the request, the consent to the accepted policy version and the submission before answering", async () => {
    const fields = validFields({ policy_version: "1" });
    const answer = await post("requests", fields, { json: true });
    expect(answer.status).toBe(201);
    const { reference, statusUrl } = answer.json();
    expect(reference).toMatch(/^PD-\d{4}-\d{5}$/);
    expect(statusUrl).toMatch(/^\/apps\/privacy\/requests\/status\?token=[A-Za-z0-9_-]{43}$/);

    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference } });
    expect(request).toMatchObject({ source: "storefront", type: "disclosure", customerName: "山田 花子", identityStatus: "unverified" });
    const consent = await database.db.consentRecord.findMany({ where: { shop: SHOP, kind: "policy", evidence: { contains: reference } } });
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ granted: true, policyVersion: 1, source: "storefront_form" });
    expect(consent[0].subjectKey).toMatch(/^email:[0-9a-f]{64}$/);
    const submission = await database.db.formSubmission.findFirstOrThrow({ where: { shop: SHOP, reference } });
    expect(submission.requestId).toBe(request.id);
  });

  it("answers a no-JS post with a Liquid page showing the reference", async () => {
    const answer = await post("requests", validFields({ locale: "en" }));
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toContain("application/liquid");
    const reference = /data-pd-reference>([^<]+)</.exec(answer.text)?.[1];
    expect(reference).toMatch(/^PD-/);
    expect(answer.text).toContain("We have received your request");
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, reference } })).toBe(1);
  });

  it("links a logged-in customer's request and marks the identity verified", async () => {
    const answer = await post("requests", validFields(), { json: true, customerId: "1001" });
    expect(answer.status).toBe(201);
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference: answer.json().reference } });
    expect(request).toMatchObject({ shopifyCustomerId: "1001", identityStatus: "verified", identityMethod: "shopify_customer_login" });
    const consent = await database.db.consentRecord.findFirstOrThrow({ where: { shop: SHOP, evidence: { contains: request.reference } } });
    expect(consent.subjectKey).toBe("customer:1001");
  });

  it("rejects a tampered signature and an expired timestamp, storing nothing", async () => {
    const before = await database.db.privacyRequest.count();
    const tampered = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET });
    tampered.set("logged_in_customer_id", "1001");
    expect((await post("requests", validFields(), { query: tampered })).status).toBe(400);
    const wrongSecret = signedProxyQuery({ shop: SHOP, secret: "not-the-secret" });
    expect((await post("requests", validFields(), { query: wrongSecret })).status).toBe(400);
    const expired = await post("requests", validFields(), { timestamp: Math.floor(Date.now() / 1000) - 120 });
    expect(expired.status).toBe(400);
    expect(await database.db.privacyRequest.count()).toBe(before);
  });

  it("refuses an oversize body with 413", async () => {
    const before = await database.db.privacyRequest.count();
    const answer = await post("requests", validFields({ message: "あ".repeat(20_000) }), { json: true });
    expect(answer.status).toBe(413);
    expect(answer.json().ok).toBe(false);
    expect(await database.db.privacyRequest.count()).toBe(before);
  });

  it("gives field errors in the shopper's language and stores nothing", async () => {
    const before = await database.db.privacyRequest.count();
    const ja = await post("requests", validFields({ name: "", email: "not-an-email", consent: "" }), { json: true });
    expect(ja.status).toBe(422);
    expect(ja.json().errors).toEqual({
      name: "入力してください",
      email: "メールアドレスの形式が正しくありません",
      consent: "送信するには同意が必要です",
    });
    const en = await post("requests", validFields({ locale: "en", type: "delete_everything", is_agent: "1" }), { json: true });
    expect(en.status).toBe(422);
    expect(en.json().errors).toMatchObject({
      type: "Please choose one of the options",
      agent_name: expect.stringContaining("As an agent"),
    });
    expect(await database.db.privacyRequest.count()).toBe(before);
  });

  it("stores markup and script raw in every field and never shows them unescaped", async () => {
    const fields = validFields({
      name: MARKUP,
      order: "#1001<b>",
      message: MARKUP,
      is_agent: "1",
      agent_name: MARKUP,
      agent_relationship: MARKUP,
    });
    const answer = await post("requests", fields, { json: true });
    expect(answer.status).toBe(201);
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference: answer.json().reference } });
    expect(request).toMatchObject({ customerName: MARKUP, message: MARKUP, agentName: MARKUP, agentRelationship: MARKUP, orderName: "#1001<b>" });

    // Markup where the desk cannot take it: a field error, and the no-JS page echoes nothing raw.
    const invalid = await post("requests", validFields({ email: MARKUP, phone: MARKUP }), { referer: `https://shop.example/pages/privacy?x="><script>alert(2)</script>` });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toContain("application/liquid");
    expect(invalid.text).not.toMatch(/<script|<img|\{\{|\{%/);

    // The status page echoes what was typed only as escaped, Liquid-inert text.
    const status = await post("requests/status", { reference: MARKUP, email: MARKUP });
    expect(status.status).toBe(404);
    expect(status.text).not.toMatch(/<script|<img|\{\{|\{%/);
    expect(status.text).toContain("&#60;script&#62;");
  });

  it("keeps emoji and full-width Japanese input intact", async () => {
    const fields = validFields({
      name: "山田　太郎🌸",
      phone: "０９０－１２３４－５６７８",
      order: "＃１００２",
      message: "ご注文の件です🙇‍♀️　全角スペースと半角ｶﾀｶﾅも。",
    });
    const answer = await post("requests", fields, { json: true });
    expect(answer.status).toBe(201);
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference: answer.json().reference } });
    expect(request.customerName).toBe("山田　太郎🌸");
    expect(request.phone).toBe("090-1234-5678");
    expect(request.orderName).toBe("#1002");
    expect(request.message).toBe("ご注文の件です🙇‍♀️　全角スペースと半角ｶﾀｶﾅも。");
  });

  it("returns the same reference for the same submission within a minute", async () => {
    const fields = validFields();
    const first = await post("requests", fields, { json: true });
    const second = await post("requests", fields, { json: true });
    const [third, fourth] = await Promise.all([post("requests", fields, { json: true }), post("requests", fields, { json: true })]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    for (const answer of [second, third, fourth]) expect(answer.json().reference).toBe(first.json().reference);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, email: fields.email } })).toBe(1);
  });

  it("answers a honeypot hit like a success but stores nothing", async () => {
    const before = await database.db.privacyRequest.count();
    const fields = validFields({ website: "https://spam.example" });
    const answer = await post("requests", fields, { json: true });
    expect(answer.status).toBe(201);
    expect(answer.json().reference).toMatch(/^PD-\d{4}-\d{5}$/);
    expect(await database.db.privacyRequest.count()).toBe(before);
    expect(await database.db.formSubmission.count({ where: { reference: answer.json().reference, shop: SHOP } })).toBe(0);
  });

  it("shows a request's status and next step for the right reference and email only", async () => {
    const fields = validFields({ locale: "en" });
    const { reference } = (await post("requests", fields, { json: true })).json();
    const page = await post("requests/status", { reference, email: fields.email.toUpperCase(), locale: "en" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("application/liquid");
    expect(page.text).toContain(reference);
    expect(page.text).toContain("We will review your request");
    const json = await post("requests/status", { reference, email: fields.email }, { json: true });
    expect(json.json()).toMatchObject({ ok: true, reference, status: "received" });
    const wrong = await post("requests/status", { reference, email: "someone.else@example.jp" }, { json: true });
    expect(wrong.status).toBe(404);
    expect(wrong.json().reference).toBeUndefined();

    const form = await fetch(`${app.url}/proxy/requests/status?${signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }, { reference })}`, {
      headers: { "User-Agent": BROWSER_UA },
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${reference}"`);
  });

  it("records a logged-in customer's banner choice against the customer, even when the banner sends a visitor id", async () => {
    const choice = JSON.stringify({ analytics: true, marketing: false, preferences: true, sale_of_data: false, policy_version: "2", visitor_id: crypto.randomUUID() });
    const logged = await post("consent", {}, { customerId: "1002", body: choice, contentType: "application/json", json: true });
    expect(logged.status).toBe(201);
    expect(JSON.parse(logged.text)).toEqual({ ok: true, recorded: true });
    const rows = await database.db.consentRecord.findMany({ where: { shop: SHOP, subjectKey: "customer:1002", source: "consent_banner" } });
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.granted]))).toEqual({ analytics: true, marketing: false, preferences: true, sale_of_data: false });
    expect(rows.every((r) => r.shopifyCustomerId === "1002" && r.policyVersion === 2)).toBe(true);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP, subjectKey: { startsWith: "visitor:" } } })).toBe(0);
    // A second post of one logged-in shopper is a request of its own, signed a second later.
    const bad = await post("consent", {}, { customerId: "1002", timestamp: secondsFromNow(1), body: "{\"analytics\":\"maybe\"}", contentType: "application/json", json: true });
    expect(bad.status).toBe(422);
  });

  it("records an anonymous visitor's banner choice under a keyed hash of the banner's id, never the id itself", async () => {
    const visitorId = crypto.randomUUID();
    const before = await database.db.consentRecord.count({ where: { shop: SHOP } });
    const choice = { analytics: false, marketing: true, preferences: false, sale_of_data: true, policy_version: "2", visitor_id: visitorId };
    const anonymous = await post("consent", {}, { body: JSON.stringify(choice), contentType: "application/json", json: true });
    expect(anonymous.status).toBe(201);
    expect(JSON.parse(anonymous.text)).toEqual({ ok: true, recorded: true });
    const rows = await database.db.consentRecord.findMany({ where: { shop: SHOP, subjectKey: { startsWith: "visitor:" } } });
    expect(rows).toHaveLength(4);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP } })).toBe(before + 4);
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.granted]))).toEqual({ analytics: false, marketing: true, preferences: false, sale_of_data: true });
    const subjectKey = rows[0].subjectKey;
    expect(subjectKey).toMatch(/^visitor:[0-9a-f]{64}$/);
    for (const row of rows) {
      expect(row).toMatchObject({ subjectKey, shopifyCustomerId: null, source: "consent_banner", policyVersion: 2, evidence: "storefront consent banner" });
      // No trace of the raw id in any column, with or without its hyphens.
      const stored = JSON.stringify(row).toLowerCase();
      expect(stored).not.toContain(visitorId);
      expect(stored).not.toContain(visitorId.replace(/-/g, ""));
      expect(stored).not.toContain(visitorId.slice(0, 8));
    }

    // The same browser's next choice joins the same subject; another browser is another subject.
    const again = await post("consent", {}, { body: JSON.stringify({ ...choice, analytics: true }), contentType: "application/json", json: true });
    expect(again.status).toBe(201);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP, subjectKey } })).toBe(8);
    const other = await post("consent", {}, { body: JSON.stringify({ ...choice, visitor_id: crypto.randomUUID() }), contentType: "application/json", json: true });
    expect(other.status).toBe(201);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP, subjectKey: { startsWith: "visitor:" } } })).toBe(12);

    // A form-encoded report works the same way.
    const form = await post("consent", { analytics: "1", marketing: "0", preferences: "0", sale_of_data: "0", policy_version: "", visitor_id: visitorId }, { json: true });
    expect(form.status).toBe(201);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP, subjectKey } })).toBe(12);
  });

  it("keeps an anonymous choice without a visitor id with Shopify alone, and refuses a malformed id storing nothing", async () => {
    const before = await database.db.consentRecord.count({ where: { shop: SHOP } });
    const choice = { analytics: true, marketing: true, preferences: true, sale_of_data: true, policy_version: "2" };
    for (const body of [choice, { ...choice, visitor_id: null }, { ...choice, visitor_id: "" }]) {
      const answer = await post("consent", {}, { body: JSON.stringify(body), contentType: "application/json", json: true });
      expect(answer.status).toBe(202);
      expect(JSON.parse(answer.text)).toEqual({ ok: true, recorded: false });
    }
    const malformed = [
      crypto.randomUUID().toUpperCase(),
      "hanako@example.jp",
      "00000000-0000-1000-8000-000000000000",
      `${crypto.randomUUID()}x`,
      "x".repeat(1500),
      42,
      [crypto.randomUUID()],
    ];
    for (const [index, visitorId] of malformed.entries()) {
      const answer = await post("consent", {}, { body: JSON.stringify({ ...choice, visitor_id: visitorId }), contentType: "application/json", json: true });
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.text)).toEqual({ ok: false, error: "invalid_visitor_id" });
      // A logged-in customer's report with a malformed id is refused too: the field is checked, not ignored.
      const logged = await post("consent", {}, {
        customerId: "1003",
        timestamp: secondsFromNow(-index),
        body: JSON.stringify({ ...choice, visitor_id: visitorId }),
        contentType: "application/json",
        json: true,
      });
      expect(logged.status).toBe(422);
    }
    expect(await database.db.consentRecord.count({ where: { shop: SHOP } })).toBe(before);
  });

  it("rate limits 500 submissions from one address, and every acknowledged one exists", async () => {
    const ip = "198.51.100.7";
    const answers = [];
    for (let batch = 0; batch < 10; batch++) {
      answers.push(
        ...(await Promise.all(Array.from({ length: 50 }, () => post("requests", validFields(), { json: true, ip, shop: BURST_SHOP })))),
      );
    }
    const acknowledged = answers.filter((a) => a.status >= 200 && a.status < 300);
    const limited = answers.filter((a) => a.status === 429);
    expect(acknowledged.length + limited.length).toBe(500);
    expect(limited.length).toBeGreaterThan(400);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThan(0);
    const references = acknowledged.map((a) => a.json().reference as string);
    const stored = await database.db.privacyRequest.findMany({ where: { shop: BURST_SHOP, reference: { in: references } }, select: { reference: true } });
    expect(stored.map((s) => s.reference).sort()).toEqual([...references].sort());
  });
});
