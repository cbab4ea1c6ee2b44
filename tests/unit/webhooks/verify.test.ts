import { describe, expect, it } from "vitest";
import { signedWebhook, compliancePayloads } from "../../support/webhooks";
import { MAX_WEBHOOK_BODY_BYTES, readBodyWithin, signatureMatches, verifyWebhook } from "../../../app/privacy/webhooks/verify";

const SECRET = "unit-secret";
const SHOP = "unit-shop.myshopify.com";

function request(topic: string, payload: unknown, change: (headers: Record<string, string>) => void = () => {}, method = "POST") {
  const { body, headers } = signedWebhook({ topic, shop: SHOP, payload, secret: SECRET });
  change(headers);
  return new Request("http://app/webhooks/x", { method, headers, body: method === "GET" ? undefined : body });
}

const redact = compliancePayloads.customerRedact(SHOP, { id: 42, email: "a@example.com", phone: "+81 90 0000 0000" });

describe("verifyWebhook", () => {
  it("accepts a correctly signed delivery and returns the raw body and the shop", async () => {
    const result = await verifyWebhook(request("customers/redact", redact), "customers/redact", SECRET);
    expect(result).toMatchObject({ ok: true, delivery: { shop: SHOP, topic: "customers/redact", payload: redact } });
  });

  it("answers 401 to a wrong, missing or foreign-secret signature", async () => {
    const wrong = await verifyWebhook(request("customers/redact", redact, (h) => (h["X-Shopify-Hmac-Sha256"] = "AAAA")), "customers/redact", SECRET);
    const missing = await verifyWebhook(request("customers/redact", redact, (h) => delete h["X-Shopify-Hmac-Sha256"]), "customers/redact", SECRET);
    const other = await verifyWebhook(request("customers/redact", redact), "customers/redact", "another-secret");
    expect([wrong, missing, other]).toEqual([{ ok: false, status: 401 }, { ok: false, status: 401 }, { ok: false, status: 401 }]);
  });

  it("verifies the raw bytes: re-serialised JSON with the same meaning does not pass", async () => {
    const { headers } = signedWebhook({ topic: "shop/redact", shop: SHOP, payload: { shop_domain: SHOP, shop_id: 1 }, secret: SECRET });
    const reordered = JSON.stringify({ shop_id: 1, shop_domain: SHOP });
    const result = await verifyWebhook(new Request("http://app/x", { method: "POST", headers, body: reordered }), "shop/redact", SECRET);
    expect(result).toEqual({ ok: false, status: 401 });
  });

  it("answers 405 to anything but POST", async () => {
    expect(await verifyWebhook(request("shop/redact", {}, undefined, "GET"), "shop/redact", SECRET)).toEqual({ ok: false, status: 405 });
    expect(await verifyWebhook(request("shop/redact", {}, undefined, "PUT"), "shop/redact", SECRET)).toEqual({ ok: false, status: 405 });
  });

  it.each([
    ["malformed JSON", "customers/redact", "{not json"],
    ["a JSON array", "shop/redact", [1, 2]],
    ["a redact without customer", "customers/redact", { shop_domain: SHOP }],
    ["a customer with neither id nor email", "customers/redact", { shop_domain: SHOP, customer: { phone: "1" } }],
    ["a data request without shop_domain", "customers/data_request", { customer: { id: 1 }, orders_requested: [] }],
    ["non-numeric order ids", "customers/data_request", { shop_domain: SHOP, customer: { id: 1 }, orders_requested: ["x"] }],
    ["a shop/redact without shop_domain", "shop/redact", { shop_id: 1 }],
    ["a scopes update without current", "app/scopes_update", { previous: [] }],
    // Issue 11, point 8: each compliance topic takes only its own shape.
    ["a data request's body as a redact", "customers/redact", compliancePayloads.dataRequest(SHOP, { id: 42, email: "a@example.com" })],
    ["a redact's body as a data request", "customers/data_request", redact],
    ["a customer redact as a shop redact", "shop/redact", redact],
    // Point 13: ids longer than Shopify's, states outside Shopify's enum.
    ["a customer id of 20 digits", "customers/redact", { ...redact, customer: { id: "12345678901234567890" } }],
    ["a customer id past 2^63", "customers/redact", { ...redact, customer: { id: "9223372036854775808" } }],
    ["an order id of 30 digits", "customers/data_request", { shop_domain: SHOP, customer: { id: 1 }, orders_requested: ["1".repeat(30)] }],
    ["an email consent state outside the enum", "customers_email_marketing_consent/update", { customer_id: 1, email_marketing_consent: { state: "maybe" } }],
    ["an email consent without its block", "customers_email_marketing_consent/update", { customer_id: 1 }],
    ["an SMS consent state outside the enum", "customers_marketing_consent/update", { id: 1, sms_marketing_consent: { state: "invalid" } }],
    ["an opt-in level outside the enum", "customers_marketing_consent/update", { id: 1, sms_marketing_consent: { state: "subscribed", opt_in_level: "double" } }],
    ["a consent customer id of 40 digits", "customers_email_marketing_consent/update", { customer_id: "9".repeat(40), email_marketing_consent: { state: "subscribed" } }],
  ])("answers 400 to %s", async (_label, topic, payload) => {
    expect(await verifyWebhook(request(topic, payload), topic, SECRET)).toEqual({ ok: false, status: 400 });
  });

  it("accepts a customer known only by email", async () => {
    const payload = { shop_domain: SHOP, customer: { email: "only@example.com" }, orders_to_redact: [] };
    expect((await verifyWebhook(request("customers/redact", payload), "customers/redact", SECRET)).ok).toBe(true);
  });

  it("answers 400 when the header shop and the payload shop differ", async () => {
    const result = await verifyWebhook(
      request("shop/redact", { shop_domain: "other.myshopify.com" }),
      "shop/redact",
      SECRET,
    );
    expect(result).toEqual({ ok: false, status: 400 });
  });

  it("answers 400 when delivered to another topic's route, or without a topic", async () => {
    expect(await verifyWebhook(request("shop/redact", { shop_domain: SHOP }), "customers/redact", SECRET)).toEqual({ ok: false, status: 400 });
    const untitled = request("shop/redact", { shop_domain: SHOP }, (h) => delete h["X-Shopify-Topic"]);
    expect(await verifyWebhook(untitled, "shop/redact", SECRET)).toEqual({ ok: false, status: 400 });
  });

  it("accepts a 19-digit id up to 2^63 - 1 and Shopify's consent states in either case", async () => {
    expect((await verifyWebhook(request("customers/redact", { ...redact, customer: { id: "9223372036854775807" } }), "customers/redact", SECRET)).ok).toBe(true);
    const consent = { customer_id: 5, email_marketing_consent: { state: "SUBSCRIBED", opt_in_level: "confirmed_opt_in", consent_updated_at: "2026-11-01T00:00:00Z" } };
    expect((await verifyWebhook(request("customers_email_marketing_consent/update", consent), "customers_email_marketing_consent/update", SECRET)).ok).toBe(true);
  });

  it("accepts deliveries without API-Version or Shop-Domain, taking the shop from the payload", async () => {
    const result = await verifyWebhook(
      request("shop/redact", { shop_domain: SHOP }, (h) => {
        delete h["X-Shopify-API-Version"];
        delete h["X-Shopify-Shop-Domain"];
        delete h["X-Shopify-Webhook-Id"];
      }),
      "shop/redact",
      SECRET,
    );
    expect(result).toMatchObject({ ok: true, delivery: { shop: SHOP, apiVersion: null, webhookId: null } });
  });

  it("accepts app/uninstalled with the null myshopify_domain of Shopify's sample, taking the shop from the header", async () => {
    const payload = { id: 548380009, name: "Super Toys", domain: null, myshopify_domain: null };
    const result = await verifyWebhook(request("app/uninstalled", payload), "app/uninstalled", SECRET);
    expect(result).toMatchObject({ ok: true, delivery: { shop: SHOP, payload } });
    // A domain that is there must still be a shop domain.
    expect(await verifyWebhook(request("app/uninstalled", { myshopify_domain: "not a shop" }), "app/uninstalled", SECRET)).toEqual({ ok: false, status: 400 });
  });

  it("keeps an id past 2^53 exact in the payload", async () => {
    const raw = '{"customer_id":706405506930370084,"email_address":"bob@biller.com","email_marketing_consent":{"state":"not_subscribed"}}';
    const result = await verifyWebhook(request("customers_email_marketing_consent/update", raw), "customers_email_marketing_consent/update", SECRET);
    expect(result).toMatchObject({ ok: true, delivery: { payload: { customer_id: "706405506930370084" }, body: raw } });
  });

  it("answers 400 when no shop is known at all", async () => {
    const result = await verifyWebhook(request("app/scopes_update", { current: [] }, (h) => delete h["X-Shopify-Shop-Domain"]), "app/scopes_update", SECRET);
    expect(result).toEqual({ ok: false, status: 400 });
  });

  it("answers 413 over 1 MB, even when Content-Length is not declared", async () => {
    const big = { shop_domain: SHOP, padding: "x".repeat(MAX_WEBHOOK_BODY_BYTES) };
    expect(await verifyWebhook(request("shop/redact", big), "shop/redact", SECRET)).toEqual({ ok: false, status: 413 });
  });
});

describe("readBodyWithin", () => {
  it("stops reading a stream at the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
        if (pulled > 10_000) controller.close();
      },
    });
    const req = new Request("http://app/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await readBodyWithin(req, 4096)).toBeNull();
    expect(pulled).toBeLessThan(10);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const req = new Request("http://app/x", { method: "POST", headers: { "content-length": "5000" }, body: "x" });
    expect(await readBodyWithin(req, 4096)).toBeNull();
  });
});

describe("signatureMatches", () => {
  it("rejects signatures of the wrong length and empty secrets", () => {
    const body = Buffer.from("{}");
    expect(signatureMatches(body, "c2hvcnQ=", "s")).toBe(false);
    expect(signatureMatches(body, null, "s")).toBe(false);
    expect(signatureMatches(body, "x", "")).toBe(false);
  });
});
