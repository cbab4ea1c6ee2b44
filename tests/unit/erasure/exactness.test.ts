// Issue 11 point 9: an erasure is exact. customers/redact for customer 1 used to clear every audit
// entry (and mail, job, inbox payload) whose text contained ":1," or "1}", so unrelated records of
// other customers lost their details. Erasure now matches keys only: every row that is not the
// person's stays byte for byte as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { seedAuditEntries, seedFootprint, snapshot, type Footprint, type Person } from "./footprint";

const SHOP = "exact-erasure.myshopify.com";
const OTHER_SHOP = "exact-other.myshopify.com";
const ONE: Person = { id: 1, email: "ichiro@example.jp", phone: "+81 90 1111 1111", name: "一郎" };
const OTHERS: Person[] = [
  { id: 10, email: "juro@example.jp", phone: "+81 90 1010 1010", name: "十郎" },
  { id: 11, email: "ichiro1@example.jp", phone: "+81 90 1111 1112", name: "十一" },
  { id: 21, email: "1@example.jp", phone: "+81 11 1111", name: "二十一" },
  { id: 100, email: "hyaku@example.jp", phone: "+81 90 0100 0100", name: "百" },
  { id: 12345671, email: "long1@example.jp", phone: "+81 80 1234 5671", name: "長" },
];
// Known only by email, and that email contains the other's as a substring.
const EMAIL_ONLY: Person = { email: "x.ichiro@example.jp", phone: "+81 70 1111 1111", name: "エックス" };

describe.each<DatabaseKind>(["sqlite", "postgres"])("an exact customer erasure on %s", (kind) => {
  let database: TestDatabase;
  let ones: Footprint;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let after: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "exact_erasure");
    const db = database.db;
    await seedAuditEntries(db, SHOP);
    ones = await seedFootprint(db, SHOP, ONE);
    for (const person of [...OTHERS, EMAIL_ONLY]) await seedFootprint(db, SHOP, person);
    // The same customer id in another shop is another person.
    await seedFootprint(db, OTHER_SHOP, ONE);
    await seedAuditEntries(db, OTHER_SHOP);
    before = await snapshot(db);
    await db.$transaction((tx) => eraseCustomer(tx, SHOP, { customerId: 1, email: ONE.email, phone: ONE.phone }));
    after = await snapshot(db);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("leaves every row that is not customer 1's exactly as it was, audit entries included", () => {
    const changed: string[] = [];
    for (const [model, rows] of before) {
      const theirs = new Set(ones[model] ?? []);
      for (const [key, text] of rows) {
        if (theirs.has(key)) continue;
        if (after.get(model)?.get(key) !== text) changed.push(`${model} ${text}`);
      }
    }
    expect(changed).toEqual([]);
    expect(before.get("AuditEntry")!.size).toBe(14);
    expect(after.get("AuditEntry")).toEqual(before.get("AuditEntry"));
  });

  it("adds only the receipt, and the closing timeline entry and Flow trigger of customer 1's request", () => {
    const added: string[] = [];
    for (const [model, rows] of after) {
      for (const [key, text] of rows) if (!before.get(model)?.has(key)) added.push(`${model}:${JSON.parse(text).requestId ?? ""}`);
    }
    expect(added.sort()).toEqual(["ErasureReceipt:", `RequestEvent:${ones.PrivacyRequest[0]}`, `FlowTriggerEvent:${ones.PrivacyRequest[0]}`].sort());
  });

  it("tells Flow the erasure closed customer 1's request, naming no customer (follow-up F2)", () => {
    const queued = [...after.get("FlowTriggerEvent")!.values()].map((text) => JSON.parse(text)).filter((row) => !before.get("FlowTriggerEvent")?.has(row.id));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ requestId: ones.PrivacyRequest[0], trigger: "closed", handle: "privacy-request-closed", status: "pending", shopifyCustomerId: null });
    const payload = JSON.parse(queued[0].payload);
    expect(payload).toMatchObject({ "Request status": "completed", "Customer linked": false });
    expect(payload["Closed date"]).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty("customer_id");
  });

  it("erases customer 1's own rows", () => {
    const request = JSON.parse(after.get("PrivacyRequest")!.get(ones.PrivacyRequest[0])!);
    expect(request).toMatchObject({ email: "", phone: "", customerName: "", message: "", shopifyCustomerId: null, redacted: true, status: "completed" });
    for (const id of ones.RequestEvent) expect(JSON.parse(after.get("RequestEvent")!.get(id)!).detail).toBe("{}");
    for (const model of ["ConsentRecord", "FormSubmission", "Job", "IdentityToken", "OutboundMail", "FlowTriggerEvent", "AccountDownloadGrant", "PackageDelivery"]) {
      for (const id of ones[model]) expect(after.get(model)!.has(id), `${model} ${id}`).toBe(false);
    }
    expect(JSON.parse(after.get("ProvisionRecord")!.get(ones.ProvisionRecord[0])!)).toMatchObject({ shopifyCustomerId: null, subjectLabel: "", notes: "" });
    expect(JSON.parse(after.get("WebhookEvent")!.get(ones.WebhookEvent[0])!)).toMatchObject({ payload: "", status: "done", subjectKey: null });
  });
});
