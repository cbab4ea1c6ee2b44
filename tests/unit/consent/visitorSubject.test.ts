// The consent banner's anonymous visitor id: strictly validated, and only ever stored as a keyed
// hash in the ledger's subject key.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConsentInputError,
  isSubjectKey,
  parseVisitorId,
  subjectKeyFor,
  subjectTypeOf,
  VISITOR_ID_PATTERN,
  visitorSubjectKey,
} from "../../../app/privacy/consent/subject";
import { parseBannerVisitorId } from "../../../app/privacy/storefront/bannerConsent";
import { OTHER_TEST_HASH_KEY } from "../../support/hashKey";

const ID = "3f2b8c1e-9a4d-4c6e-8b2a-1d0e5f7a9c3b";
const SHOP = "a.myshopify.com";

describe("visitor id", () => {
  it("accepts exactly a lower-case version 4 UUID", () => {
    expect(parseVisitorId(ID)).toBe(ID);
    expect(parseVisitorId(crypto.randomUUID())).not.toBeNull();
  });

  it.each([
    ["upper case", ID.toUpperCase()],
    ["braces", `{${ID}}`],
    ["surrounding space", ` ${ID}`],
    ["no hyphens", ID.replace(/-/g, "")],
    ["version 1", "3f2b8c1e-9a4d-1c6e-8b2a-1d0e5f7a9c3b"],
    ["wrong variant", "3f2b8c1e-9a4d-4c6e-cb2a-1d0e5f7a9c3b"],
    ["too long", `${ID}0`],
    ["too short", ID.slice(0, 35)],
    ["an email", "hanako@example.jp"],
    ["a trailing newline", `${ID}\n`],
    ["empty", ""],
  ])("refuses %s", (_label, value) => {
    expect(parseVisitorId(value)).toBeNull();
  });

  it.each([[null], [undefined], [123], [[ID]], [{ id: ID }]])("refuses a non-string (%s)", (value) => {
    expect(parseVisitorId(value)).toBeNull();
  });

  it("is what the banner script generates and checks (same pattern in both)", () => {
    const script = readFileSync(path.resolve(import.meta.dirname, "../../../extensions/privacy-desk/assets/consent-banner.js"), "utf8");
    expect(script).toContain(`/${VISITOR_ID_PATTERN.source}/`);
  });
});

describe("visitor subject key", () => {
  it("is a keyed hash of the id, per shop, without the id itself", () => {
    const key = visitorSubjectKey(SHOP, ID);
    expect(key).toMatch(/^visitor:[0-9a-f]{64}$/);
    expect(key).not.toContain(ID);
    expect(key).not.toContain(ID.replace(/-/g, ""));
    expect(visitorSubjectKey(SHOP, ID)).toBe(key);
    expect(visitorSubjectKey("b.myshopify.com", ID)).not.toBe(key);
    expect(visitorSubjectKey(SHOP, crypto.randomUUID())).not.toBe(key);
    expect(isSubjectKey(key)).toBe(true);
  });

  it("depends on the app's key, so a leaked ledger cannot be matched against guessed ids", () => {
    const key = visitorSubjectKey(SHOP, ID);
    const saved = process.env.PRIVACY_DESK_HASH_KEY;
    process.env.PRIVACY_DESK_HASH_KEY = OTHER_TEST_HASH_KEY;
    try {
      expect(visitorSubjectKey(SHOP, ID)).not.toBe(key);
    } finally {
      process.env.PRIVACY_DESK_HASH_KEY = saved;
    }
  });

  it("never equals an email subject's hash", () => {
    const visitor = visitorSubjectKey(SHOP, ID).split(":")[1];
    const email = subjectKeyFor(SHOP, { email: `${ID}@x` }).split(":")[1];
    expect(visitor).not.toBe(email);
  });

  it("throws a consent input error on a malformed id", () => {
    expect(() => visitorSubjectKey(SHOP, "not-an-id")).toThrow(ConsentInputError);
    expect(() => subjectKeyFor(SHOP, { visitorId: ID.toUpperCase() })).toThrow(ConsentInputError);
  });

  it("comes after the customer id and the email", () => {
    expect(subjectKeyFor(SHOP, { shopifyCustomerId: "1001", visitorId: ID })).toBe("customer:1001");
    expect(subjectKeyFor(SHOP, { email: "hanako@example.jp", visitorId: ID })).toMatch(/^email:/);
    expect(subjectKeyFor(SHOP, { visitorId: ID })).toBe(visitorSubjectKey(SHOP, ID));
    expect(() => subjectKeyFor(SHOP, {})).toThrow(ConsentInputError);
  });

  it("is recognised as a subject key only in its exact form", () => {
    expect(isSubjectKey(`visitor:${"a".repeat(64)}`)).toBe(true);
    expect(isSubjectKey(`visitor:${ID}`)).toBe(false);
    expect(isSubjectKey(`visitor:${"a".repeat(63)}`)).toBe(false);
    expect(isSubjectKey(`visitor:${"A".repeat(64)}`)).toBe(false);
  });

  it("reads as an anonymous visitor", () => {
    expect(subjectTypeOf(visitorSubjectKey(SHOP, ID))).toBe("visitor");
    expect(subjectTypeOf("customer:1001")).toBe("customer");
    expect(subjectTypeOf(`email:${"b".repeat(64)}`)).toBe("email");
  });
});

describe("the banner's visitor_id field", () => {
  it("is optional: absent, null or empty means no id", () => {
    expect(parseBannerVisitorId({})).toEqual({ ok: true, visitorId: null });
    expect(parseBannerVisitorId({ visitor_id: null })).toEqual({ ok: true, visitorId: null });
    expect(parseBannerVisitorId({ visitor_id: "" })).toEqual({ ok: true, visitorId: null });
  });

  it("when present, must be well formed", () => {
    expect(parseBannerVisitorId({ visitor_id: ID })).toEqual({ ok: true, visitorId: ID });
    expect(parseBannerVisitorId({ visitor_id: "x".repeat(36) })).toEqual({ ok: false });
    expect(parseBannerVisitorId({ visitor_id: ["a"] })).toEqual({ ok: false });
    expect(parseBannerVisitorId({ visitor_id: 7 })).toEqual({ ok: false });
  });
});
