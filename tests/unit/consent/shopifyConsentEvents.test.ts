import { describe, expect, it } from "vitest";
import { EMAIL_CONSENT_TOPIC, SMS_CONSENT_TOPIC, parseShopifyConsentPayload } from "../../../app/privacy/consent/shopifyConsentEvents";

const receivedAt = new Date("2026-05-01T12:00:00Z");

describe("Shopify marketing-consent payloads", () => {
  it("reads an email opt-in with Shopify's consent time", () => {
    const choice = parseShopifyConsentPayload(
      EMAIL_CONSENT_TOPIC,
      {
        customer_id: 706405506930370000,
        email_address: "hanako@example.com",
        email_marketing_consent: { state: "subscribed", opt_in_level: "confirmed_opt_in", consent_updated_at: "2026-04-30T09:00:00+09:00" },
      },
      receivedAt,
    );
    expect(choice).toEqual({
      shopifyCustomerId: "706405506930370000",
      kind: "email_marketing",
      granted: true,
      choiceAt: new Date("2026-04-30T00:00:00Z"),
      evidence: "shopify subscribed (confirmed_opt_in)",
    });
    // The customer id identifies the person; the address is not carried along.
    expect(JSON.stringify(choice)).not.toContain("hanako");
  });

  it("reads an SMS withdrawal and falls back to the arrival time without consent_updated_at", () => {
    const choice = parseShopifyConsentPayload(
      SMS_CONSENT_TOPIC,
      { customer_id: 42, phone_number: "+819012345678", sms_marketing_consent: { state: "unsubscribed", opt_in_level: "single_opt_in", consent_updated_at: null } },
      receivedAt,
    );
    expect(choice).toMatchObject({ shopifyCustomerId: "42", kind: "sms_marketing", granted: false, choiceAt: receivedAt });
    expect(JSON.stringify(choice)).not.toContain("9012345678");
  });

  it("reads the SMS topic's documented shape, which names the customer id and phone", () => {
    const choice = parseShopifyConsentPayload(
      SMS_CONSENT_TOPIC,
      { id: 8832137625682, phone: "+819012345678", sms_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-04-30T00:00:00Z", consent_collected_from: "OTHER" } },
      receivedAt,
    );
    expect(choice).toMatchObject({ shopifyCustomerId: "8832137625682", kind: "sms_marketing", granted: true });
    expect(JSON.stringify(choice)).not.toContain("9012345678");
  });

  it("uses the email only when Shopify sends no customer id", () => {
    const choice = parseShopifyConsentPayload(
      EMAIL_CONSENT_TOPIC,
      { customer_id: null, email_address: "a@example.com", email_marketing_consent: { state: "unsubscribed", opt_in_level: null, consent_updated_at: "2026-04-01T00:00:00Z" } },
      receivedAt,
    );
    expect(choice).toMatchObject({ email: "a@example.com", kind: "email_marketing", granted: false });
  });

  it.each([
    ["pending", { state: "pending" }],
    ["redacted", { state: "redacted" }],
    ["no consent block", undefined],
  ])("records nothing for %s", (_label, block) => {
    expect(parseShopifyConsentPayload(EMAIL_CONSENT_TOPIC, { customer_id: 1, email_marketing_consent: block }, receivedAt)).toBeNull();
  });

  it("never dates a choice after its arrival (a clock ahead cannot outrank later choices)", () => {
    const choice = parseShopifyConsentPayload(
      EMAIL_CONSENT_TOPIC,
      { customer_id: 1, email_marketing_consent: { state: "subscribed", consent_updated_at: "2030-01-01T00:00:00Z" } },
      receivedAt,
    );
    expect(choice?.choiceAt).toEqual(receivedAt);
  });

  it("ignores payloads of other topics and garbage", () => {
    expect(parseShopifyConsentPayload("orders/create", { customer_id: 1 }, receivedAt)).toBeNull();
    expect(parseShopifyConsentPayload(EMAIL_CONSENT_TOPIC, "nope", receivedAt)).toBeNull();
  });
});
