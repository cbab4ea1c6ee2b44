// createPrivacyRequest and findRequestForShop against a real migrated database (run on SQLite and
// on PostgreSQL by scripts/test-all.mjs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { findRequestForShop } from "../../../app/privacy/requests/findRequest";
import { RequestInputError } from "../../../app/privacy/requests/requestTypes";

const SHOP = "create-a.myshopify.com";
const OTHER = "create-b.myshopify.com";

describe(`createPrivacyRequest on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "createreq");
    await database.db.shopSettings.create({
      data: { shop: SHOP, businessName: "qui pearl project", contactEmail: "privacy@example.jp", staffNotifyEmail: "staff@example.jp", dueDays: 10 },
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("numbers requests per shop and year, dates them from settings and queues both notices", async () => {
    const db = database.db;
    const receivedAt = new Date("2026-03-01T03:00:00Z");
    const first = await createPrivacyRequest(
      db,
      { shop: SHOP, type: "disclosure", source: "storefront", email: " Hanako@Example.JP ", customerName: "山田 花子", receivedAt },
      "shopper",
    );
    const second = await createPrivacyRequest(db, { shop: SHOP, type: "inquiry", source: "staff_phone", phone: "03-1234-5678", receivedAt }, "staff:1");
    const otherShop = await createPrivacyRequest(db, { shop: OTHER, type: "inquiry", source: "storefront", email: "x@example.com", receivedAt }, "shopper");

    expect(first.reference).toBe("PD-2026-00001");
    expect(second.reference).toBe("PD-2026-00002");
    expect(otherShop.reference).toBe("PD-2026-00001");
    expect(first.email).toBe("hanako@example.jp");
    expect(first.status).toBe("received");
    // Received at noon on 1 March in Japan: due at the end of the 10th (14th) day after, Japan time.
    expect(first.dueAt.toISOString()).toBe("2026-03-11T14:59:59.999Z");
    // No settings row for OTHER: the 14-day default.
    expect(otherShop.dueAt.toISOString()).toBe("2026-03-15T14:59:59.999Z");

    const events = await db.requestEvent.findMany({ where: { requestId: first.id }, orderBy: { at: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["received", "notice_queued"]);
    expect(events[0].actor).toBe("shopper");

    const mails = await db.outboundMail.findMany({ where: { requestId: first.id }, orderBy: { kind: "asc" } });
    expect(mails.map((mail) => [mail.kind, mail.toAddress, mail.status])).toEqual([
      ["acknowledgement", "hanako@example.jp", "pending"],
      ["staff_new_request", "staff@example.jp", "pending"],
    ]);
    expect(mails[0].body).toContain("PD-2026-00001");
    expect(mails[0].body).toContain("手数料はいただきません");
    // The staff notice carries no personal data of the shopper.
    expect(mails[1].body).not.toContain("hanako");
    expect(mails[1].body).not.toContain("山田");
    // A phone-only request has no shopper mail, but staff still hear of it.
    expect(await db.outboundMail.count({ where: { requestId: second.id } })).toBe(1);
  });

  it("gives EU shoppers the GDPR month and records identity known at intake", async () => {
    const receivedAt = new Date("2026-04-01T00:00:00Z");
    const verifiedAt = new Date("2026-04-01T00:00:01Z");
    const request = await createPrivacyRequest(
      database.db,
      {
        shop: SHOP,
        type: "correction",
        source: "storefront",
        language: "en",
        inEu: true,
        email: "eu@example.com",
        shopifyCustomerId: "gid://shopify/Customer/1001",
        requestedChanges: { lastName: "Smith" },
        identity: { method: "shopify_customer_login", verifiedAt },
        receivedAt,
      },
      "shopper",
    );
    expect(request.dueAt.toISOString()).toBe("2026-05-01T14:59:59.999Z");
    expect(request.shopifyCustomerId).toBe("1001");
    expect(request.identityStatus).toBe("verified");
    expect(request.identityMethod).toBe("shopify_customer_login");
    expect(request.identityVerifiedAt?.toISOString()).toBe(verifiedAt.toISOString());
    expect(JSON.parse(request.requestedChanges)).toEqual({ lastName: "Smith" });
    const ack = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } });
    expect(ack.subject).toContain("We have received your privacy request");
  });

  it("commits with the caller's transaction and rolls back with it", async () => {
    const db = database.db;
    const before = await db.referenceCounter.findUnique({ where: { shop_year: { shop: SHOP, year: 2027 } } });
    expect(before).toBeNull();
    await expect(
      db.$transaction(async (tx) => {
        await createPrivacyRequest(tx, { shop: SHOP, type: "stop_use", source: "shopify", email: "rollback@example.com", receivedAt: new Date("2027-02-01T00:00:00Z") }, "shopify");
        throw new Error("caller failed after creating the request");
      }),
    ).rejects.toThrow("caller failed");
    expect(await db.privacyRequest.count({ where: { email: "rollback@example.com" } })).toBe(0);
    expect(await db.referenceCounter.findUnique({ where: { shop_year: { shop: SHOP, year: 2027 } } })).toBeNull();

    const committed = await db.$transaction((tx) =>
      createPrivacyRequest(tx, { shop: SHOP, type: "stop_use", source: "shopify", email: "kept@example.com", receivedAt: new Date("2027-02-01T00:00:00Z") }, "shopify"),
    );
    expect(committed.reference).toBe("PD-2027-00001");
    expect(await db.requestEvent.count({ where: { requestId: committed.id } })).toBeGreaterThan(0);
  });

  it("hands out distinct references to concurrent requests", async () => {
    const receivedAt = new Date("2028-05-05T00:00:00Z");
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        createPrivacyRequest(database.db, { shop: SHOP, type: "inquiry", source: "storefront", email: `c${index}@example.com`, receivedAt }, "shopper"),
      ),
    );
    const references = created.map((request) => request.reference).sort();
    expect(references).toEqual(Array.from({ length: 8 }, (_, index) => `PD-2028-${String(index + 1).padStart(5, "0")}`));
  });

  it("rejects bad input with the field named and writes nothing", async () => {
    const db = database.db;
    const count = await db.privacyRequest.count();
    const attempts: Array<[Record<string, unknown>, string]> = [
      [{ type: "nonsense", source: "storefront", email: "a@example.com" }, "type"],
      [{ type: "inquiry", source: "carrier_pigeon", email: "a@example.com" }, "source"],
      [{ type: "inquiry", source: "storefront", email: "not-an-email" }, "email"],
      [{ type: "inquiry", source: "storefront" }, "email"],
      [{ type: "inquiry", source: "storefront", email: "a@example.com", isAgent: true }, "agentName"],
      [{ type: "correction", source: "storefront", email: "a@example.com", requestedChanges: { password: "x" } }, "requestedChanges"],
      [{ type: "inquiry", source: "storefront", email: "a@example.com", shopifyCustomerId: "abc" }, "shopifyCustomerId"],
    ];
    for (const [input, field] of attempts) {
      const error = await createPrivacyRequest(db, { shop: SHOP, ...input } as never, "shopper").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RequestInputError);
      expect((error as RequestInputError).field).toBe(field);
    }
    expect(await db.privacyRequest.count()).toBe(count);
  });

  it("finds a request only within its own shop", async () => {
    const db = database.db;
    const mine = await createPrivacyRequest(db, { shop: SHOP, type: "inquiry", source: "storefront", email: "mine@example.com" }, "shopper");
    expect((await findRequestForShop(db, SHOP, mine.id))?.reference).toBe(mine.reference);
    expect(await findRequestForShop(db, OTHER, mine.id)).toBeNull();
    expect(await findRequestForShop(db, SHOP, "does-not-exist")).toBeNull();
  });
});
