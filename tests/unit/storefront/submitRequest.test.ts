import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import type { Db } from "../../../app/db.factory";
import { submitStorefrontRequest } from "../../../app/privacy/storefront/submitRequest";
import type { RequestForm } from "../../../app/privacy/storefront/requestForm";

const SHOP = "unit-storefront.myshopify.com";

const form = (overrides: Partial<RequestForm> = {}): RequestForm => ({
  type: "disclosure",
  name: "山田 花子",
  email: `hanako.${Math.random().toString(36).slice(2)}@example.jp`,
  phone: "",
  order: "",
  delivery: "electronic",
  isAgent: false,
  agentName: "",
  agentRelationship: "",
  message: "開示をお願いします",
  policyVersion: 2,
  language: "ja",
  ...overrides,
});

/** A client whose transactions fail at the last write, to prove nothing before it survives. */
function failingAtSubmission(db: Db): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (fn: (tx: unknown) => Promise<unknown>) =>
        target.$transaction((tx) =>
          fn(
            new Proxy(tx, {
              get(inner, name, innerReceiver) {
                if (name === "formSubmission") return { create: () => Promise.reject(new Error("disk full")) };
                return Reflect.get(inner, name, innerReceiver);
              },
            }),
          ),
        );
    },
  }) as Db;
}

describe("storefront submission", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    process.env.SHOPIFY_API_SECRET ??= "unit-secret";
    database = await createTestDatabase("sqlite", "sf-submit");
    for (const version of [1, 2]) {
      await database.db.policyVersion.create({ data: { shop: SHOP, version, contentHash: `h${version}`, content: "{}" } });
    }
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("commits request, consent and submission together, or none of them", async () => {
    const input = form();
    await expect(submitStorefrontRequest(failingAtSubmission(database.db), { shop: SHOP, form: input })).rejects.toThrow("disk full");
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, email: input.email } })).toBe(0);
    expect(await database.db.consentRecord.count({ where: { shop: SHOP } })).toBe(0);
    expect(await database.db.outboundMail.count({ where: { shop: SHOP } })).toBe(0);

    const result = await submitStorefrontRequest(database.db, { shop: SHOP, form: input });
    expect(result.duplicate).toBe(false);
    expect(await database.db.privacyRequest.count({ where: { shop: SHOP, email: input.email } })).toBe(1);
    expect(await database.db.formSubmission.count({ where: { shop: SHOP, reference: result.reference } })).toBe(1);
  });

  it("records the policy version the shopper was shown when it was really published, else the latest", async () => {
    const older = await submitStorefrontRequest(database.db, { shop: SHOP, form: form({ policyVersion: 1 }) });
    const invented = await submitStorefrontRequest(database.db, { shop: SHOP, form: form({ policyVersion: 9 }) });
    const versions = async (reference: string) =>
      (await database.db.consentRecord.findFirstOrThrow({ where: { shop: SHOP, evidence: { contains: reference } } })).policyVersion;
    expect(await versions(older.reference)).toBe(1);
    expect(await versions(invented.reference)).toBe(2);
  });

  it("gives a repeat within the minute the same reference, and a later one a new request", async () => {
    const input = form();
    const at = new Date();
    const first = await submitStorefrontRequest(database.db, { shop: SHOP, form: input, now: at });
    const again = await submitStorefrontRequest(database.db, { shop: SHOP, form: input, now: new Date(at.getTime() + 30_000) });
    // The status link's token is handed out once, to the submission that created the request.
    expect(first.statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again).toEqual({ ...first, duplicate: true, statusToken: null });
    const later = await submitStorefrontRequest(database.db, { shop: SHOP, form: input, now: new Date(at.getTime() + 61_000) });
    expect(later.reference).not.toBe(first.reference);
    const otherShop = await submitStorefrontRequest(database.db, { shop: "other.myshopify.com", form: input, now: at });
    expect(otherShop.duplicate).toBe(false);
  });
});
