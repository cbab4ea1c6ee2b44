// A person with more rows of one kind than one statement may bind: Prisma's SQLite client refuses
// a statement of more than 999 parameters, so the erasure's look-ups and deletions go in chunks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { recordConsent } from "../../../app/privacy/consent/ledger";

const SHOP = "many-rows.myshopify.com";
const CHOICES = 1_100;

describe.each<DatabaseKind>(["sqlite", "postgres"])(`erasing a person with ${CHOICES} rows of one kind on %s`, (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "erasure_many_rows");
    const start = Date.now() - CHOICES * 60_000;
    for (let i = 0; i < CHOICES; i++) {
      await recordConsent(database.db, { shop: SHOP, shopifyCustomerId: "7001", kind: "email_marketing", granted: i % 2 === 0, source: "shopify_webhook", choiceAt: new Date(start + i * 60_000) });
    }
    await recordConsent(database.db, { shop: SHOP, shopifyCustomerId: "7002", kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt: new Date() });
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("erases every one of them and leaves the next person's", async () => {
    const counts = await database.db.$transaction((tx) => eraseCustomer(tx, SHOP, { customerId: "7001" }), { timeout: 60_000 });
    expect(counts.consentRecords).toBe(CHOICES);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP } })).toBe(1);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP, shopifyCustomerId: "7002" } })).toBe(1);
  });
});
