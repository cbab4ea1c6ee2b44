// The app's keyed hashes are keyed with its own key, derived per purpose, and can never stand in for
// a signature Shopify makes with the client secret (the App Proxy's is HMAC-SHA256(secret, text)).
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  customerHash,
  customerHashes,
  emailSubjectHash,
  emailSubjectHashes,
  keyedHash,
  keyedHashes,
  readHashKeyring,
  shopHash,
  shopHashes,
  visitorSubjectHash,
  visitorSubjectHashes,
  HashKeyError,
  type HashPurpose,
} from "../../app/privacy/keyedHash";
import { submissionFingerprint } from "../../app/privacy/storefront/submitRequest";
import { parseRequestForm } from "../../app/privacy/storefront/requestForm";
import { signProxyParams } from "../support/appProxy";
import { signingOracleForm } from "../support/signingOracle";
import { OTHER_TEST_HASH_KEY, TEST_HASH_KEY } from "../support/hashKey";

const SECRET = "test-api-secret";
const SHOP = "qui-pearl-demo.myshopify.com";
const saved = { ...process.env };
const hmac = (key: string, text: string) => createHmac("sha256", key).update(text).digest("hex");

afterEach(() => {
  for (const name of ["PRIVACY_DESK_HASH_KEY", "PRIVACY_DESK_PREVIOUS_HASH_KEYS", "PRIVACY_DESK_LEGACY_HASH_KEY", "SHOPIFY_API_SECRET"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("keyed hashes and the client secret", () => {
  // With no key set (the default before keys were derived) and with one.
  it.each([["unset", undefined], ["set", TEST_HASH_KEY]])("no keyed-hash function's output equals HMAC-SHA256(client secret, its input), for any purpose (key %s)", (_, key) => {
    process.env.SHOPIFY_API_SECRET = SECRET;
    if (key) process.env.PRIVACY_DESK_HASH_KEY = key;
    else delete process.env.PRIVACY_DESK_HASH_KEY;
    const inputs = ["", "1001", "hanako@example.jp", SHOP];
    const purposes: HashPurpose[] = ["subject", "erasure", "fingerprint", "shop", "ip", "limit", "status", "delivery"];
    for (const input of inputs) {
      const outputs = [
        ...purposes.map((purpose) => keyedHash(purpose, input)),
        ...purposes.map((purpose) => keyedHash(purpose, SHOP, input)),
        customerHash(SHOP, input),
        emailSubjectHash(SHOP, input),
        visitorSubjectHash(SHOP, input),
        shopHash(input || SHOP),
      ];
      // The text each function hashes, with and without the purpose in front (the old construction).
      const texts = [input, `${SHOP}\u001f${input}`, ...purposes.flatMap((p) => [`${p}\u001f${input}`, `${p}\u001f${SHOP}\u001f${input}`, `${p}\u001f${SHOP}\u001fvisitor\u001f${input}`])];
      const signatures = new Set(texts.map((text) => hmac(SECRET, text)));
      for (const output of outputs) expect(signatures.has(output)).toBe(false);
    }
  });

  it("a storefront form crafted to read like a signed proxy query does not yield its signature", () => {
    process.env.SHOPIFY_API_SECRET = SECRET;
    delete process.env.PRIVACY_DESK_HASH_KEY;
    const oracle = signingOracleForm({ shop: SHOP, customerId: "", forgedShop: "victim.myshopify.com", forgedCustomerId: "1001", timestamp: 1700000000 });
    const parsed = parseRequestForm(oracle.fields, "ja");
    if (!parsed.ok) throw new Error("the crafted form must be valid");
    const signature = signProxyParams(oracle.forged, SECRET);
    // What the old construction gave: the very signature (this is the hole being closed).
    expect(hmac(SECRET, oracle.text)).toBe(signature);
    expect(submissionFingerprint(SHOP, parsed.form, null)).not.toBe(signature);
  });

  it("changing the client secret changes no hash; changing the app's key changes every one", () => {
    process.env.SHOPIFY_API_SECRET = SECRET;
    const before = [customerHash(SHOP, "1001"), emailSubjectHash(SHOP, "hanako@example.jp"), shopHash(SHOP)];
    process.env.SHOPIFY_API_SECRET = "rotated-client-secret";
    expect([customerHash(SHOP, "1001"), emailSubjectHash(SHOP, "hanako@example.jp"), shopHash(SHOP)]).toEqual(before);
    process.env.PRIVACY_DESK_HASH_KEY = OTHER_TEST_HASH_KEY;
    const after = [customerHash(SHOP, "1001"), emailSubjectHash(SHOP, "hanako@example.jp"), shopHash(SHOP)];
    after.forEach((hash, i) => expect(hash).not.toBe(before[i]));
  });

  it("keeps purposes apart: the same parts under two purposes hash differently", () => {
    expect(keyedHash("subject", SHOP, "1001")).not.toBe(keyedHash("erasure", SHOP, "1001"));
    expect(keyedHash("fingerprint", SHOP)).not.toBe(keyedHash("shop", SHOP));
  });
});

describe("key rotation", () => {
  it("writes under the current key and looks up under current, previous and legacy keys, current first", () => {
    process.env.PRIVACY_DESK_HASH_KEY = TEST_HASH_KEY;
    const underA = { email: emailSubjectHash(SHOP, "Hanako@Example.jp"), customer: customerHash(SHOP, "1001"), visitor: visitorSubjectHash(SHOP, "v"), shop: shopHash(SHOP) };
    process.env.PRIVACY_DESK_HASH_KEY = OTHER_TEST_HASH_KEY;
    process.env.PRIVACY_DESK_PREVIOUS_HASH_KEYS = TEST_HASH_KEY;
    process.env.PRIVACY_DESK_LEGACY_HASH_KEY = "the-old-client-secret";
    const emails = emailSubjectHashes(SHOP, "hanako@example.jp");
    expect(emails[0]).toBe(emailSubjectHash(SHOP, "hanako@example.jp"));
    expect(emails[0]).not.toBe(underA.email);
    expect(emails).toContain(underA.email);
    // The legacy value reproduces what was stored before keys were derived.
    expect(emails).toContain(hmac("the-old-client-secret", `subject\u001f${SHOP}\u001fhanako@example.jp`));
    expect(customerHashes(SHOP, "1001")).toContain(underA.customer);
    expect(visitorSubjectHashes(SHOP, "v")).toContain(underA.visitor);
    expect(shopHashes(SHOP)).toContain(underA.shop);
    expect(emails).toHaveLength(3);
    expect(keyedHashes("subject", "x")).toHaveLength(3);
  });

  it("lists each key once, and names the variable of a malformed previous key", () => {
    const ring = readHashKeyring({ NODE_ENV: "production", PRIVACY_DESK_HASH_KEY: TEST_HASH_KEY, PRIVACY_DESK_PREVIOUS_HASH_KEYS: `${TEST_HASH_KEY}, ${OTHER_TEST_HASH_KEY}` });
    expect(ring.ids).toHaveLength(2);
    expect(ring.ids[0]).toBe(ring.current.id);
    expect(ring.current.id).toMatch(/^[0-9a-f]{16}$/);
    expect(() => readHashKeyring({ NODE_ENV: "production", PRIVACY_DESK_HASH_KEY: TEST_HASH_KEY, PRIVACY_DESK_PREVIOUS_HASH_KEYS: "short" })).toThrow(
      /PRIVACY_DESK_PREVIOUS_HASH_KEYS/,
    );
  });

  it("outside development and tests, refuses to run without a key of its own", () => {
    expect(() => readHashKeyring({ NODE_ENV: "production" })).toThrow(HashKeyError);
    expect(() => readHashKeyring({} as NodeJS.ProcessEnv)).toThrow(/PRIVACY_DESK_HASH_KEY is not set/);
    expect(() => readHashKeyring({ NODE_ENV: "test" })).not.toThrow();
  });
});
