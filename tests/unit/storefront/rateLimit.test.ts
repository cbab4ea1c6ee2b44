import { describe, expect, it } from "vitest";
import { takeAll, TokenBuckets } from "../../../app/privacy/storefront/rateLimit";

describe("token buckets", () => {
  it("allows a burst, then refuses with the seconds until the next token", () => {
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 });
    const at = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take("ip", at).allowed)).toEqual([true, true, true]);
    expect(buckets.take("ip", at)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(buckets.take("other", at).allowed).toBe(true);
    expect(buckets.take("ip", at + 2_000).allowed).toBe(true);
    expect(buckets.take("ip", at + 2_000).allowed).toBe(false);
  });

  it("never refills above capacity", () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 10 });
    buckets.take("k", 0);
    const later = 3_600_000;
    expect([1, 2, 3].map(() => buckets.take("k", later).allowed)).toEqual([true, true, false]);
  });

  it("keeps memory bounded by forgetting full buckets", () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1 }, 10);
    for (let i = 0; i < 100; i++) buckets.take(`k${i}`, i * 10_000);
    expect(buckets.take("k99", 990_000).allowed).toBe(false);
  });

  it("allows only when every limit allows", () => {
    const ip = new TokenBuckets({ capacity: 5, refillPerSecond: 0.001 });
    const shop = new TokenBuckets({ capacity: 2, refillPerSecond: 0.001 });
    const results = [1, 2, 3].map(() => takeAll([[ip, "a"], [shop, "s"]], 0).allowed);
    expect(results).toEqual([true, true, false]);
  });
});
