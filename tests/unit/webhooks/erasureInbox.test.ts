// What a customer erasure does to deliveries still in the inbox: those that would bring the
// person's data back (a waiting data request, a failed event) lose their payload and are not
// processed; waiting erasures of the same person are left to run, so the scan does not grow
// with a backlog of erasures; other people's deliveries are untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { eraseCustomer } from "../../../app/privacy/erasure";
import { deliverySubjectKey } from "../../../app/privacy/dataSubject";

const SHOP = "inbox-erasure.myshopify.com";
const HANAKO = { id: 7001, email: "hanako@example.jp" };
const body = (customer: { id: number; email: string }) => JSON.stringify({ shop_domain: SHOP, customer });

describe.each<DatabaseKind>(["sqlite", "postgres"])("customer erasure and the inbox on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "erasure_inbox");
    const rows = [
      { deliveryKey: "data-request", topic: "customers/data_request", status: "pending", payload: body(HANAKO) },
      { deliveryKey: "consent", topic: "customers_marketing_consent/update", status: "pending", payload: body(HANAKO) },
      { deliveryKey: "failed-redact", topic: "customers/redact", status: "failed", payload: body(HANAKO) },
      { deliveryKey: "waiting-redact", topic: "customers/redact", status: "pending", payload: body(HANAKO) },
      { deliveryKey: "someone-else", topic: "customers/data_request", status: "pending", payload: body({ id: 8002, email: "taro@example.jp" }) },
    ];
    // Keyed as the inbox keys them on acceptance.
    await database.db.webhookEvent.createMany({
      data: rows.map((row) => ({ ...row, shop: SHOP, subjectKey: deliverySubjectKey(SHOP, row.topic, JSON.parse(row.payload)) })),
    });
    await database.db.$transaction((tx) => eraseCustomer(tx, SHOP, { customerId: HANAKO.id, email: HANAKO.email }));
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  const event = (deliveryKey: string) => database.db.webhookEvent.findUniqueOrThrow({ where: { deliveryKey }, omit: { subjectKey: false } });

  it("supersedes waiting and failed deliveries that carry the person's data", async () => {
    for (const key of ["data-request", "consent", "failed-redact"]) {
      expect(await event(key)).toMatchObject({ payload: "", status: "done", subjectKey: null });
    }
  });

  it("leaves a waiting erasure of the same person to run (it clears itself when processed)", async () => {
    expect(await event("waiting-redact")).toMatchObject({ status: "pending", payload: body(HANAKO) });
  });

  it("does not touch another person's delivery", async () => {
    expect(await event("someone-else")).toMatchObject({ status: "pending" });
  });
});
