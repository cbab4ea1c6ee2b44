// The App Proxy's limits (app/privacy/storefront/limits.ts) with the in-process store: per address,
// per subject (status look-up misses by email and by reference, submissions by email) and a shop
// ceiling only an attack reaches. The shared PostgreSQL store is proven in
// tests/integration/storefront-limits.test.ts.
import { describe, expect, it } from "vitest";
import {
  ADDRESS_LIMITS,
  SHOP_LIMITS,
  SUBJECT_LIMITS,
  lookupAllowance,
  memoryLimitStore,
  proxyAllowance,
  recordLookupMiss,
  submissionAllowance,
} from "../../../app/privacy/storefront/limits";
import { shopperAddress } from "../../../app/privacy/storefront/proxyRequest";

const SHOP = "limits.myshopify.com";

async function allowedCount(times: number, attempt: (n: number) => Promise<{ allowed: boolean }>) {
  let allowed = 0;
  for (let n = 0; n < times; n++) if ((await attempt(n)).allowed) allowed++;
  return allowed;
}

describe("App Proxy limits", () => {
  it("limits one address per purpose, with a Retry-After within the window", async () => {
    const store = memoryLimitStore();
    const ip = "198.51.100.9";
    expect(await allowedCount(ADDRESS_LIMITS.status.points + 5, () => proxyAllowance("status", { shop: SHOP, ip }, store))).toBe(ADDRESS_LIMITS.status.points);
    const refused = await proxyAllowance("status", { shop: SHOP, ip }, store);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(ADDRESS_LIMITS.status.durationSeconds);
    }
    // Another purpose, another address, another shop: their own counters.
    expect((await proxyAllowance("request", { shop: SHOP, ip }, store)).allowed).toBe(true);
    expect((await proxyAllowance("status", { shop: SHOP, ip: "198.51.100.10" }, store)).allowed).toBe(true);
    expect((await proxyAllowance("status", { shop: "other.myshopify.com", ip }, store)).allowed).toBe(true);
  });

  it("counts an IPv6 /64 as one address and an IPv4-mapped IPv6 address as its IPv4 address", async () => {
    // One IPv6 subscriber holds at least a /64: 2^64 addresses to rotate through, one per request.
    const store = memoryLimitStore();
    const rotated = (n: number) => `2001:db8:1234:5678:${(n + 1).toString(16)}::${(n * 7 + 3).toString(16)}`;
    expect(await allowedCount(ADDRESS_LIMITS.request.points + 5, (n) => proxyAllowance("request", { shop: SHOP, ip: rotated(n) }, store))).toBe(ADDRESS_LIMITS.request.points);
    // The same /64 written in full, with leading zeros and in capitals, is the same subscriber.
    expect((await proxyAllowance("request", { shop: SHOP, ip: "2001:0DB8:1234:5678:0000:0000:0000:0001" }, store)).allowed).toBe(false);
    // The neighbouring /64 is someone else.
    expect((await proxyAllowance("request", { shop: SHOP, ip: "2001:db8:1234:5679::1" }, store)).allowed).toBe(true);

    await allowedCount(ADDRESS_LIMITS.status.points, () => proxyAllowance("status", { shop: SHOP, ip: "203.0.113.77" }, store));
    expect((await proxyAllowance("status", { shop: SHOP, ip: "::ffff:203.0.113.77" }, store)).allowed).toBe(false);
    expect((await proxyAllowance("status", { shop: SHOP, ip: "::ffff:cb00:714d" }, store)).allowed).toBe(false);
  });

  it("does not let one noisy address use up the shop's ceiling", async () => {
    const store = memoryLimitStore();
    await allowedCount(500, () => proxyAllowance("request", { shop: SHOP, ip: "203.0.113.1" }, store));
    // Only the address's own allowance counted against the shop.
    expect(await allowedCount(SHOP_LIMITS.request.points, (n) => proxyAllowance("request", { shop: SHOP, ip: `10.0.${n >> 8}.${n & 255}` }, store))).toBe(
      SHOP_LIMITS.request.points - ADDRESS_LIMITS.request.points,
    );
  });

  it("refuses a look-up for an email or a reference that missed too often, and only misses count", async () => {
    const store = memoryLimitStore();
    const victim = "hanako@example.jp";
    // A genuine shopper's successful look-ups never count.
    for (let n = 0; n < 50; n++) expect((await lookupAllowance(SHOP, "PD-2026-00001", victim, store)).allowed).toBe(true);
    // Someone walks references with the victim's email (any case, full-width or not).
    for (let n = 0; n < SUBJECT_LIMITS.lookupEmail.points; n++) await recordLookupMiss(SHOP, `PD-2026-${String(100 + n).padStart(5, "0")}`, n % 2 ? victim.toUpperCase() : victim, store);
    const byEmail = await lookupAllowance(SHOP, "PD-2026-09999", "ＨＡＮＡＫＯ@example.jp", store);
    expect(byEmail.allowed).toBe(false);
    // Someone walks emails for one reference.
    for (let n = 0; n < SUBJECT_LIMITS.lookupReference.points; n++) await recordLookupMiss(SHOP, "pd-2026-00042", `guess${n}@example.jp`, store);
    expect((await lookupAllowance(SHOP, "PD-2026-00042", "new.guess@example.jp", store)).allowed).toBe(false);
    // Other people's look-ups go on: a flood aimed at others never reaches them.
    expect((await lookupAllowance(SHOP, "PD-2026-00007", "taro@example.jp", store)).allowed).toBe(true);
    expect((await lookupAllowance("other.myshopify.com", "PD-2026-00042", victim, store)).allowed).toBe(true);
  });

  it("limits submissions per email", async () => {
    const store = memoryLimitStore();
    expect(await allowedCount(SUBJECT_LIMITS.submissionEmail.points + 3, () => submissionAllowance(SHOP, "same@example.jp", store))).toBe(SUBJECT_LIMITS.submissionEmail.points);
    expect((await submissionAllowance(SHOP, "other@example.jp", store)).allowed).toBe(true);
  });
});

describe("the shopper's address", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("is the entry Shopify's proxy added to X-Forwarded-For, never one the shopper wrote", () => {
    expect(shopperAddress(headers({ "X-Forwarded-For": "203.0.113.5" }), {})).toBe("203.0.113.5");
    expect(shopperAddress(headers({ "X-Forwarded-For": "1.2.3.4, 203.0.113.5" }), {})).toBe("203.0.113.5");
    expect(shopperAddress(headers({ "X-Forwarded-For": "1.2.3.4, 203.0.113.5", "X-Real-IP": "9.9.9.9" }), {})).toBe("203.0.113.5");
    expect(shopperAddress(headers({ "X-Real-IP": "9.9.9.9" }), {})).toBe("unknown");
    expect(shopperAddress(headers({ "X-Forwarded-For": "<script>" }), {})).toBe("unknown");
  });

  it("skips the app's own proxies when told how many append", () => {
    const env = { PRIVACY_DESK_TRUSTED_PROXY_HOPS: "1" };
    expect(shopperAddress(headers({ "X-Forwarded-For": "1.2.3.4, 203.0.113.5, 10.0.0.2" }), env)).toBe("203.0.113.5");
  });
});
