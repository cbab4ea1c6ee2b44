// A phone written in national form on the storefront (a Japanese shopper types 090-4321-8765) and
// the same phone as Shopify sends it in customers/redact (+81 90 4321 8765, E.164) are one key once
// the shop's country is known (ShopSettings.shopCountry, read at set-up): a request found only by
// its phone, filed with another email, is erased with the customer. The national number is read in
// the shop's own country only, so another country's number with the same national digits stays
// (the exactness rule, tests/unit/erasure/exactness.test.ts), and a shop whose country is unknown
// keys and looks up phones as given, as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { requestSubjectHashes } from "../../../app/privacy/dataSubject";

const NATIONAL = { email: "another.address@example.jp", phone: "090-4321-8765" };

describe("a customer erasure and the phone's written form (SQLite)", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "phone_formats");
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  /** A request keyed as createRequest keys it in a shop of that country (null: not known). */
  async function fileRequest(shop: string, country: string | null, keyedUnder: string | null = country) {
    if (country !== null) await database.db.shopSettings.upsert({ where: { shop }, create: { shop, shopCountry: country }, update: { shopCountry: country } });
    await database.db.privacyRequest.create({
      data: { shop, reference: "PD-2026-00001", type: "disclosure", source: "storefront", customerName: "山田 花子", ...NATIONAL, ...requestSubjectHashes(shop, NATIONAL, keyedUnder), dueAt: new Date(Date.now() + 86_400_000) },
    });
  }
  const requestOf = (shop: string) => database.db.privacyRequest.findFirst({ where: { shop }, select: { phone: true, redacted: true } });
  const erase = (shop: string, phone: string) =>
    database.db.$transaction((tx) => eraseCustomer(tx, shop, { customerId: 4321, email: "hanako@example.jp", phone }));

  it("finds a request filed with the national form of the phone Shopify names in E.164 (Japanese shop)", async () => {
    const shop = "phone-formats-jp.myshopify.com";
    await fileRequest(shop, "JP");
    await erase(shop, "+81 90 4321 8765");
    expect(await requestOf(shop)).toEqual({ phone: "", redacted: true });
  });

  it("finds it too when it was keyed before the shop's country was known", async () => {
    const shop = "phone-formats-jp-before.myshopify.com";
    await fileRequest(shop, "JP", null);
    await erase(shop, "+81 90 4321 8765");
    expect(await requestOf(shop)).toEqual({ phone: "", redacted: true });
  });

  it("leaves it when Shopify names a German number with the same national digits", async () => {
    const shop = "phone-formats-de-number.myshopify.com";
    await fileRequest(shop, "JP");
    await erase(shop, "+49 90 4321 8765");
    expect(await requestOf(shop)).toEqual({ phone: NATIONAL.phone, redacted: false });
  });

  it("in a shop whose country is unknown, matches the phone only as written, as before", async () => {
    const unknown = "phone-formats-unknown.myshopify.com";
    await fileRequest(unknown, null);
    await erase(unknown, "+81 90 4321 8765");
    expect(await requestOf(unknown)).toEqual({ phone: NATIONAL.phone, redacted: false });
    await erase(unknown, "090 4321 8765");
    expect(await requestOf(unknown)).toEqual({ phone: "", redacted: true });
  });
});
