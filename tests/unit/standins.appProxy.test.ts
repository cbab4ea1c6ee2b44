// The App Proxy signer reproduces Shopify's documented examples byte for byte
// (shopify.dev "Display dynamic store data with app proxies", shared secret "hush").
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { proxySignatureBase, signedProxyQuery, signProxyParams, type ProxyParams } from "../support/appProxy";

/** Parses a query string the way Rack does in Shopify's example: repeated keys become arrays. */
function parseQuery(query: string): ProxyParams {
  const params: ProxyParams = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const existing = params[key];
    params[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return params;
}

describe("App Proxy signature (Shopify's documented examples)", () => {
  it("reproduces the logged-in example", () => {
    const query =
      "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";
    const params = parseQuery(query);
    expect(proxySignatureBase(params)).toBe(
      "extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555",
    );
    expect(signProxyParams(params, "hush")).toBe(params.signature);
  });

  it("reproduces the logged-out example (empty logged_in_customer_id is still signed)", () => {
    const query =
      "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb";
    const params = parseQuery(query);
    expect(signProxyParams(params, "hush")).toBe(params.signature);
  });

  it("reproduces the older documented example, which had no logged_in_customer_id", () => {
    const params = parseQuery(
      "extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555",
    );
    expect(signProxyParams(params, "hush")).toBe("a9718877bea71c2484f91608a7eaea1532bdf71f5c56825065fa4ccabe549ef3");
  });

  it("signs every parameter it sends and nothing else", () => {
    const query = signedProxyQuery(
      { shop: "qui-pearl-demo.myshopify.com", secret: "hush", loggedInCustomerId: "1001", timestamp: 1_800_000_000 },
      { lang: "ja" },
    );
    const sent = Object.fromEntries([...query].filter(([key]) => key !== "signature"));
    expect(Object.keys(sent).sort()).toEqual(["lang", "logged_in_customer_id", "path_prefix", "shop", "timestamp"]);
    const base = Object.keys(sent)
      .sort()
      .map((key) => `${key}=${sent[key]}`)
      .join("");
    expect(query.get("signature")).toBe(createHmac("sha256", "hush").update(base).digest("hex"));
  });

  it("changes the signature when any parameter or the secret changes", () => {
    const params = { shop: "a.myshopify.com", path_prefix: "/apps/privacy", timestamp: "1", logged_in_customer_id: "" };
    const signature = signProxyParams(params, "hush");
    expect(signProxyParams({ ...params, logged_in_customer_id: "2" }, "hush")).not.toBe(signature);
    expect(signProxyParams(params, "hush!")).not.toBe(signature);
  });
});
