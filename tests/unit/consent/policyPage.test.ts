import { describe, expect, it } from "vitest";
import { livePolicyUrl, parsePolicyPageUrl, themeEditorPreviewUrl } from "../../../app/privacy/policy/policyPage";

const SHOP = "qui-pearl-demo.myshopify.com";

describe("the policy's storefront page", () => {
  it.each([
    ["", ""],
    ["  /pages/privacy-policy ", "/pages/privacy-policy"],
    ["/pages/プライバシー", "/pages/プライバシー"],
    ["https://quipearl.jp/pages/privacy", "https://quipearl.jp/pages/privacy"],
  ])("keeps %j", (input, value) => {
    expect(parsePolicyPageUrl(input)).toEqual({ ok: true, value });
  });

  it.each(["javascript:alert(1)", "//evil.example/x", "/\\evil.example", "http://quipearl.jp/pages/privacy", "pages/privacy", "/pages/a b", "/pages/\u0000", "https://user:pw@quipearl.jp/", "https://localhost/x", "data:text/html,x"])(
    "refuses %j",
    (input) => {
      expect(parsePolicyPageUrl(input)).toEqual({ ok: false, code: "invalid" });
    },
  );

  it("refuses an overlong address and anything that is not text", () => {
    expect(parsePolicyPageUrl(`/${"a".repeat(500)}`)).toEqual({ ok: false, code: "too_long" });
    expect(parsePolicyPageUrl(42)).toEqual({ ok: true, value: "" });
  });

  it("links a path on the shop's own domain, and an address as given", () => {
    expect(livePolicyUrl(SHOP, "/pages/privacy-policy")).toBe(`https://${SHOP}/pages/privacy-policy`);
    expect(livePolicyUrl(SHOP, "https://quipearl.jp/pages/privacy")).toBe("https://quipearl.jp/pages/privacy");
    expect(livePolicyUrl(SHOP, "")).toBeNull();
    expect(livePolicyUrl(SHOP, "javascript:alert(1)")).toBeNull();
    expect(themeEditorPreviewUrl(SHOP, "/pages/privacy-policy")).toBe(`https://${SHOP}/admin/themes/current/editor?previewPath=%2Fpages%2Fprivacy-policy`);
    expect(themeEditorPreviewUrl(SHOP, "https://quipearl.jp/pages/privacy")).toBeNull();
  });
});
