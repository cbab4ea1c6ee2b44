// A new shop's set-up: its time zone, name and public contact address come from Shopify once; its
// requests' deadlines and notice dates follow that zone's calendar, and notices are signed with the
// shop's name and contact while staff have entered no business details (never the myshopify domain).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import type { AdminGraphql } from "../../../app/privacy/adminApi";
import { ensureShopSetUp } from "../../../app/privacy/shopSetup";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { publishPolicy } from "../../../app/privacy/policy/publishPolicy";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";

const SHOP = "setup-a.myshopify.com";
const DOWN = "setup-down.myshopify.com";

function shopifyWithZone(zone: string | null, calls: string[], name = "Setup A 真珠店", contactEmail = "hello@setup-a.example.jp", country?: string | null): AdminGraphql {
  return (async (query: string) => {
    calls.push(query);
    const shopAddress = country === undefined ? {} : { shopAddress: { countryCodeV2: country } };
    return { data: { shop: { ianaTimezone: zone, name, contactEmail, ...shopAddress } } };
  }) as AdminGraphql;
}
const OLD = "setup-old.myshopify.com";
const NAMED = "setup-named.myshopify.com";
const PUBLISHED_FIRST = "setup-policy.myshopify.com";

/** Shopify for a shop in `zone` that keeps the policy metafields the app writes; `down` fails the writes. */
function shopifyKeepingMetafields(zone: string, written: string[], state: { down: boolean }): AdminGraphql {
  return (async (query: string, variables?: Record<string, unknown>) => {
    if (query.includes("PolicyInstallation")) return { data: { currentAppInstallation: { id: "gid://shopify/AppInstallation/1" } } };
    if (query.includes("PolicyMetafieldSet")) {
      if (state.down) throw new Error("Shopify unreachable");
      written.push((variables!.metafields as Array<{ value: string }>)[0].value);
      return { data: { metafieldsSet: { userErrors: [] } } };
    }
    return { data: { shop: { ianaTimezone: zone, name: "Setup Policy", contactEmail: "" } } };
  }) as AdminGraphql;
}

describe(`shop set-up on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(undefined, "setup");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("reads the shop's time zone once and dates requests on that calendar", async () => {
    const calls: string[] = [];
    const first = await ensureShopSetUp(database.db, SHOP, async () => shopifyWithZone("America/New_York", calls, undefined, undefined, "US"));
    expect(first).toEqual({ setUp: true, timeZone: "America/New_York" });
    expect(calls[0]).toContain("shopAddress { countryCodeV2 }");
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } })).shopCountry).toBe("US");
    const again = await ensureShopSetUp(database.db, SHOP, async () => shopifyWithZone("Asia/Tokyo", calls));
    expect(again.setUp).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain("ianaTimezone");
    // Shopify's own entries are in the register from the start, once, for the merchant to confirm.
    const register = await database.db.processor.findMany({ where: { shop: SHOP }, orderBy: { seedKey: "asc" } });
    expect(register.map((p) => [p.seedKey, p.country])).toEqual([
      ["shopify", "IE,CA,US"],
      ["shopify_payments", "US"],
    ]);

    // 00:30 on 1 February in Tokyo is 10:30 on 31 January in New York: due at the end of 14 February there.
    const request = await createPrivacyRequest(
      database.db,
      { shop: SHOP, type: "inquiry", source: "storefront", email: "ny@example.com", language: "en", receivedAt: new Date("2026-01-31T15:30:00Z") },
      "shopper",
    );
    expect(request.dueAt.toISOString()).toBe("2026-02-15T04:59:59.999Z");
    const ack = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } });
    expect(ack.body).toContain("Received: January 31, 2026");
    expect(ack.body).toContain("We will answer by: February 14, 2026");
    // No business details entered: signed with the shop's name and contact address from Shopify.
    expect(ack.body).toMatch(/\n\nSetup A 真珠店\nContact: hello@setup-a\.example\.jp$/);
    expect(ack.body).not.toContain(SHOP);
  });

  it("rewrites a policy published before the set-up in the shop's own zone, and tries again while Shopify refuses the write", async () => {
    const written: string[] = [];
    const state = { down: false };
    const api = shopifyKeepingMetafields("America/New_York", written, state);
    // Published while the app knew no zone (Tokyo by default): 01:30 on 2 December there, still the 1st in New York.
    await publishPolicy(database.db, api, { shop: PUBLISHED_FIRST, changeNote: "初版", publishedBy: "staff:1", content: seedPolicyContent(), now: new Date("2026-12-01T16:30:00Z") });
    expect(JSON.parse(written.at(-1)!).publishedDate).toEqual({ ja: "2026年12月2日", en: "December 2, 2026" });

    state.down = true;
    expect(await ensureShopSetUp(database.db, PUBLISHED_FIRST, async () => api)).toEqual({ setUp: false, timeZone: null });
    expect((await database.db.shopSettings.findUnique({ where: { shop: PUBLISHED_FIRST } }))?.setUpAt ?? null).toBeNull();

    state.down = false;
    expect(await ensureShopSetUp(database.db, PUBLISHED_FIRST, async () => api)).toEqual({ setUp: true, timeZone: "America/New_York" });
    const value = JSON.parse(written.at(-1)!);
    expect(value).toMatchObject({ version: 1, publishedAt: "2026-12-01T16:30:00.000Z", publishedDate: { ja: "2026年12月1日", en: "December 1, 2026" } });
    expect(value.languages).toEqual(JSON.parse(written[0]).languages);
  });

  it("signs with the business details once staff entered them", async () => {
    await database.db.shopSettings.update({ where: { shop: SHOP }, data: { businessName: "株式会社セットアップ", contactEmail: "privacy@setup-a.example.jp" } });
    const request = await createPrivacyRequest(database.db, { shop: SHOP, type: "inquiry", source: "storefront", email: "ja@example.com", language: "ja" }, "shopper");
    const ack = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } });
    expect(ack.body).toMatch(/\n\n株式会社セットアップ\nお問い合わせ: privacy@setup-a\.example\.jp$/);
  });

  it("reads the name once more for a shop set up before names were read, keeping its zone", async () => {
    await database.db.shopSettings.create({ data: { shop: OLD, timeZone: "Europe/Berlin", setUpAt: new Date("2026-11-01T00:00:00Z") } });
    const calls: string[] = [];
    expect(await ensureShopSetUp(database.db, OLD, async () => shopifyWithZone("Asia/Tokyo", calls, "Old Shop"))).toEqual({ setUp: false, timeZone: "Europe/Berlin" });
    expect(await ensureShopSetUp(database.db, OLD, async () => shopifyWithZone("Asia/Tokyo", calls, "Old Shop"))).toEqual({ setUp: false, timeZone: "Europe/Berlin" });
    expect(calls).toHaveLength(1);
    expect(await database.db.shopSettings.findUniqueOrThrow({ where: { shop: OLD } })).toMatchObject({ shopName: "Old Shop", shopContactEmail: "hello@setup-a.example.jp", timeZone: "Europe/Berlin", shopCountry: "" });
  });

  it("reads the country once for a shop set up with its name before the country was read; Shopify failing leaves it for the next page load", async () => {
    await database.db.shopSettings.create({ data: { shop: NAMED, timeZone: "Europe/Berlin", setUpAt: new Date("2026-11-01T00:00:00Z"), shopName: "Named", shopContactEmail: "" } });
    const failing = await ensureShopSetUp(database.db, NAMED, async () => {
      throw new Error("no network");
    });
    expect(failing).toEqual({ setUp: false, timeZone: "Europe/Berlin" });
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: NAMED } })).shopCountry).toBeNull();
    const calls: string[] = [];
    const api = async () => shopifyWithZone("Asia/Tokyo", calls, "Named", "", "de");
    expect(await ensureShopSetUp(database.db, NAMED, api)).toEqual({ setUp: false, timeZone: "Europe/Berlin" });
    expect(await ensureShopSetUp(database.db, NAMED, api)).toEqual({ setUp: false, timeZone: "Europe/Berlin" });
    expect(calls).toHaveLength(1);
    expect(await database.db.shopSettings.findUniqueOrThrow({ where: { shop: NAMED } })).toMatchObject({ shopCountry: "DE", timeZone: "Europe/Berlin", shopName: "Named" });
  });

  it("leaves the shop for the next page load when Shopify cannot be reached or names no valid zone, and logs why", async () => {
    const warnings: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((line: string) => void warnings.push(line));
    try {
      const unreachable = await ensureShopSetUp(database.db, DOWN, async () => {
        throw new Error("no network for owner@down.example.jp");
      });
      expect(unreachable.setUp).toBe(false);
      const nonsense = await ensureShopSetUp(database.db, DOWN, async () => shopifyWithZone("Mars/Olympus", []));
      expect(nonsense.setUp).toBe(false);
    } finally {
      spy.mockRestore();
    }
    // A failure that leaves a shop without its zone is seen in the log, by its kind, never its message.
    expect(warnings.map((line) => JSON.parse(line)).map(({ event, shop, errorKind }) => ({ event, shop, errorKind }))).toEqual([
      { event: "shop_setup.shopify_unavailable", shop: DOWN, errorKind: "Error" },
      { event: "shop_setup.no_time_zone", shop: DOWN, errorKind: undefined },
    ]);
    expect(warnings.join("\n")).not.toContain("owner@down.example.jp");
    expect(await database.db.shopSettings.findUnique({ where: { shop: DOWN } })).toBeNull();
    expect(await database.db.processor.count({ where: { shop: DOWN } })).toBe(0);
    const later = await ensureShopSetUp(database.db, DOWN, async () => shopifyWithZone("Asia/Tokyo", []));
    expect(later).toEqual({ setUp: true, timeZone: "Asia/Tokyo" });
  });
});
