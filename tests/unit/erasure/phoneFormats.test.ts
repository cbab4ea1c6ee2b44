// Open finding of the red-team review (docs/security.md): a phone written in national form on the
// storefront (a Japanese shopper types 090-4321-8765) and the same phone as Shopify sends it in
// customers/redact (+81 90 4321 8765, E.164) hash differently (normalisePhone keeps the digits and
// a leading +), so a request found only by phone, filed with another email, escapes the erasure.
// Skipped, not fixed: turning a national number into E.164 needs the shopper's country, and
// guessing the country code's length would erase other people's numbers that happen to match one
// guess, which the exactness rule forbids (tests/unit/erasure/exactness.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { requestSubjectHashes } from "../../../app/privacy/dataSubject";

const SHOP = "phone-formats.myshopify.com";

describe("a customer erasure and the phone's written form (SQLite)", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "phone_formats");
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it.skip("finds a request filed with the national form of the phone Shopify names in E.164 (open: needs the shopper's country)", async () => {
    const contact = { email: "another.address@example.jp", phone: "090-4321-8765" };
    await database.db.privacyRequest.create({
      data: { shop: SHOP, reference: "PD-2026-00001", type: "disclosure", source: "storefront", customerName: "山田 花子", ...contact, ...requestSubjectHashes(SHOP, contact), dueAt: new Date(Date.now() + 86_400_000) },
    });
    await database.db.$transaction((tx) => eraseCustomer(tx, SHOP, { customerId: 4321, email: "hanako@example.jp", phone: "+81 90 4321 8765" }));
    expect(await database.db.privacyRequest.findFirst({ where: { shop: SHOP }, select: { phone: true, redacted: true } })).toEqual({ phone: "", redacted: true });
  });
});
