// What staff type into the customer picker becomes Shopify search text, never search syntax: every
// word quoted and escaped, so a filter ("tag:vip"), an operator ("OR") or a quote cannot change
// what is searched; too little text is not searched at all.
import { describe, expect, it } from "vitest";
import { customerSearchQuery } from "../../../app/privacy/identity/customerSearch";

describe("customer search text", () => {
  it("quotes each word and ANDs them", () => {
    expect(customerSearchQuery("佐藤 花子")).toBe('"佐藤" "花子"');
    expect(customerSearchQuery("  hanako@example.jp ")).toBe('"hanako@example.jp"');
  });

  it("keeps filters, operators and quotes as text", () => {
    expect(customerSearchQuery("tag:vip OR 1")).toBe('"tag:vip" "OR" "1"');
    expect(customerSearchQuery('a"b \\c')).toBe('"a\\"b" "\\\\c"');
  });

  it("folds full-width characters as Shopify admin's search does, and searches nothing for one character", () => {
    expect(customerSearchQuery("ＨＡＮＡＫＯ")).toBe('"HANAKO"');
    expect(customerSearchQuery("佐")).toBeNull();
    expect(customerSearchQuery("   ")).toBeNull();
  });

  it("caps what is sent", () => {
    expect(customerSearchQuery("あ".repeat(500))!.length).toBeLessThanOrEqual(102);
  });
});
