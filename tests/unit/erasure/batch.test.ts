// Several erasures of one shop in one call (the worker collapses a backlog this way): each subject
// gets its own receipt with what was found for it, a subject named twice is erased once (its second
// receipt counts nothing left), and contact details match however they were typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { eraseCustomers, type CustomerErasureCounts } from "../../../app/privacy/erasure";
import { customerHash, emailSubjectHash } from "../../../app/privacy/keyedHash";
import { seedFootprint, type Person } from "./footprint";

const SHOP = "batch-erasure.myshopify.com";
const HANAKO: Person = { id: 5_500_001, email: "hanako@example.jp", phone: "+81 90-4321-8765", name: "山田 花子" };
const TARO: Person = { id: 5_500_002, email: "taro@example.jp", phone: "+81 80 1111 2222", name: "鈴木 太郎" };
// Filed by phone with staff: no customer id, and the email typed in capitals.
const JIRO: Person = { email: "Jiro.Sato@Example.JP", phone: "070 3333 4444", name: "佐藤 次郎" };
const UNTOUCHED: Person = { id: 5_500_009, email: "kept@example.jp", phone: "+81 90 9999 9999", name: "残る人" };

describe.each<DatabaseKind>(["sqlite", "postgres"])("erasing several customers at once on %s", (kind) => {
  let database: TestDatabase;
  let counts: CustomerErasureCounts[];

  beforeAll(async () => {
    database = await createTestDatabase(kind, "erasure_batch");
    for (const person of [HANAKO, TARO, JIRO, UNTOUCHED]) await seedFootprint(database.db, SHOP, person);
    counts = await database.db.$transaction((tx) =>
      eraseCustomers(tx, SHOP, [
        { customerId: HANAKO.id, email: HANAKO.email, phone: "+819043218765" },
        { customerId: TARO.id, email: TARO.email },
        { customerId: HANAKO.id, email: HANAKO.email },
        { email: "jiro.sato@example.jp" },
      ]),
    );
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("counts each person's rows once, under the first mention", () => {
    const full = { requests: 1, requestsClosed: 1, formSubmissions: 1, jobs: 1, identityTokens: 1, downloadGrants: 1, deliveries: 1, provisionRecords: 1, webhookPayloads: 1 };
    expect(counts[0]).toMatchObject({ ...full, consentRecords: 2 });
    expect(counts[1]).toMatchObject({ ...full, consentRecords: 2 });
    expect(Object.values(counts[2]).every((n) => n === 0)).toBe(true);
    // Known by email only: one ledger row (by email hash), and the request found through its hash.
    expect(counts[3]).toMatchObject({ ...full, consentRecords: 1 });
    for (const c of counts.filter((_, i) => i !== 2)) expect(c.timelineEntries).toBeGreaterThanOrEqual(2);
  });

  it("records one receipt per subject, as the worker's one per delivery", async () => {
    const receipts = await database.db.erasureReceipt.findMany({ where: { kind: "customer_redact" } });
    expect(receipts.map((r) => r.subjectHash).sort()).toEqual(
      [customerHash(SHOP, String(HANAKO.id)), customerHash(SHOP, String(TARO.id)), customerHash(SHOP, String(HANAKO.id)), emailSubjectHash(SHOP, JIRO.email)].sort(),
    );
  });

  it("erases every matched person and keeps the one not named", async () => {
    const requests = await database.db.privacyRequest.findMany({ where: { shop: SHOP }, orderBy: { reference: "asc" } });
    expect(requests.filter((r) => r.redacted)).toHaveLength(3);
    expect(requests.find((r) => !r.redacted)).toMatchObject({ email: UNTOUCHED.email, shopifyCustomerId: String(UNTOUCHED.id) });
    expect(await database.db.consentRecord.count({ where: { shop: SHOP } })).toBe(2);
  });

  it("keeps the hash columns out of every row a query returns unless it selects them (nothing handed out carries them)", async () => {
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, redacted: false } });
    expect(Object.keys(request)).not.toContain("emailHash");
    expect(Object.keys(request)).not.toContain("phoneHash");
    expect(Object.keys(await database.db.webhookEvent.findFirstOrThrow())).not.toContain("subjectKey");
    const selected = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, redacted: false }, select: { emailHash: true } });
    expect(selected.emailHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
