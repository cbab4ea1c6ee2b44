import { describe, expect, it } from "vitest";
import { parseWebhookJson } from "./payloadJson";

describe("parseWebhookJson", () => {
  it("keeps an id past 2^53 exact, as its digits", () => {
    // Shopify's documented consent payload; JSON.parse alone reads 706405506930370000.
    const payload = parseWebhookJson('{"customer_id":706405506930370084,"email_address":"bob@biller.com"}') as Record<string, unknown>;
    expect(payload.customer_id).toBe("706405506930370084");
    expect(String(JSON.parse('{"id":706405506930370084}').id)).not.toBe("706405506930370084");
  });

  it("leaves safe integers, decimals, exponents and every other value as JSON.parse reads them", () => {
    const text = '{"shop_id":954889,"ids":[299938,-5],"price":"19.99","ratio":1.5,"big":1e300,"none":null,"ok":true}';
    expect(parseWebhookJson(text)).toEqual(JSON.parse(text));
  });
});
