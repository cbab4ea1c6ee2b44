// customers/data_request's handler on a real database: one disclosure request per Shopify data request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { compliancePayloads } from "../../support/webhooks";
import { topicHandler } from "../../../app/privacy/webhooks/topicHandlers";
import "../../../app/privacy/webhooks/dataRequestHandler";

process.env.SHOPIFY_API_SECRET ??= "unit-secret";
const SHOP = "data-request.myshopify.com";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("sqlite", "datareq");
});
afterAll(async () => {
  await database?.drop();
});

const run = (payload: unknown) =>
  database.db.$transaction((tx) => topicHandler("customers/data_request")!.handler(tx, { shop: SHOP, topic: "customers/data_request", payload, receivedAt: new Date() }));

describe("customers/data_request handler", () => {
  it("opens a disclosure request from Shopify with the customer's ids and orders, once per data request", async () => {
    const payload = compliancePayloads.dataRequest(SHOP, { id: 123, email: "Buyer@Example.com" }, [77, 78]);
    await run(payload);
    await run(payload);
    const requests = await database.db.privacyRequest.findMany({ where: { shop: SHOP, shopifyDataRequestId: String(payload.data_request.id) } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ type: "disclosure", source: "shopify", shopifyCustomerId: "123", email: "buyer@example.com", ordersRequested: '["77","78"]' });
  });

  it("keeps a request identified by the customer id when Shopify's phone is not one the desk accepts", async () => {
    const payload = compliancePayloads.dataRequest(SHOP, { id: 124, email: "ok@example.com", phone: "call me maybe" });
    await run(payload);
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, shopifyCustomerId: "124" } });
    expect(request).toMatchObject({ email: "ok@example.com", phone: "" });
  });

  it("fails (for a retry and the merchant's attention) when nothing identifies the customer", async () => {
    await expect(run({ shop_domain: SHOP, customer: { email: "not an email" }, orders_requested: [] })).rejects.toThrow();
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, shopifyCustomerId: null } })).toBe(0);
  });
});
