// The App Proxy's limits: strict per shopper address for every purpose; per shop, forms stay at a
// burst of 120 then 2/s, while banner consent choices get a burst of 600 then 20/s.
import { describe, expect, it } from "vitest";
import { takeProxyAllowance, type ProxyRequestInfo } from "../../../app/privacy/storefront/proxyRequest";

const AT = 1_000_000;
const visitor = (shop: string, n: number): ProxyRequestInfo => ({ shop, loggedInCustomerId: null, ip: `203.0.113.${n % 250}/${n}`, wantsJson: true });

/** How many requests from distinct addresses the shop's bucket lets through at one instant. */
function burst(purpose: "request" | "consent", shop: string, tries: number, now = AT, offset = 0) {
  let allowed = 0;
  for (let n = 0; n < tries; n++) if (takeProxyAllowance(purpose, visitor(shop, offset + n), now).allowed) allowed++;
  return allowed;
}

describe("App Proxy allowance", () => {
  it("lets a shop record a burst of 600 banner choices, then 20 per second, with Retry-After when refused", () => {
    const shop = "busy-sale.myshopify.com";
    expect(burst("consent", shop, 700)).toBe(600);
    expect(takeProxyAllowance("consent", visitor(shop, 5000), AT)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(burst("consent", shop, 50, AT + 1000, 10_000)).toBe(20);
    expect(burst("consent", shop, 50, AT + 3000, 20_000)).toBe(40);
  });

  it("keeps forms at a burst of 120 then 2 per second per shop", () => {
    const shop = "forms.myshopify.com";
    expect(burst("request", shop, 200)).toBe(120);
    expect(burst("request", shop, 10, AT + 1000, 1000)).toBe(2);
    // Consent has its own bucket: the forms' burst does not use it up.
    expect(burst("consent", shop, 10, AT + 1000, 2000)).toBe(10);
  });

  it("keeps one address to a burst of 10 then one every 20 s, for consent too", () => {
    const shop = "one-address.myshopify.com";
    const same: ProxyRequestInfo = { shop, loggedInCustomerId: null, ip: "198.51.100.9", wantsJson: true };
    const results = Array.from({ length: 12 }, () => takeProxyAllowance("consent", same, AT).allowed);
    expect(results.filter(Boolean).length).toBe(10);
    expect(takeProxyAllowance("consent", same, AT)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(takeProxyAllowance("consent", same, AT + 20_000).allowed).toBe(true);
  });
});
