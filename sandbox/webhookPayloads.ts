// Payloads the webhook console starts from: Shopify's documented shapes for the compliance topics
// (shared with the tests), the marketing-consent topics the consent ledger records, and the shop
// resource Shopify sends with app/uninstalled.
import { compliancePayloads } from "../tests/support/webhooks";
import { EMAIL_CONSENT_TOPIC, SMS_CONSENT_TOPIC } from "../app/privacy/consent/shopifyConsentEvents";

export const WEBHOOK_TOPICS = [
  "customers/data_request",
  "customers/redact",
  "shop/redact",
  "app/uninstalled",
  EMAIL_CONSENT_TOPIC,
  SMS_CONSENT_TOPIC,
];

export interface PayloadCustomer {
  id: number;
  email: string | null;
  phone: string | null;
}

export function webhookPayload(topic: string, shop: string, customer: PayloadCustomer | undefined, now = new Date()): unknown {
  const subject = customer
    ? { id: customer.id, email: customer.email ?? undefined, phone: customer.phone ?? undefined }
    : { id: 1001 };
  switch (topic) {
    case "customers/data_request":
      return compliancePayloads.dataRequest(shop, subject);
    case "customers/redact":
      return compliancePayloads.customerRedact(shop, subject);
    // Shopify names the customer differently in the two consent topics: customer_id and
    // email_address for email, id and phone for SMS.
    case EMAIL_CONSENT_TOPIC:
      return {
        customer_id: subject.id,
        email_address: customer?.email ?? null,
        email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: now.toISOString() },
      };
    case SMS_CONSENT_TOPIC:
      return {
        id: subject.id,
        phone: customer?.phone ?? null,
        sms_marketing_consent: {
          state: "subscribed",
          opt_in_level: "single_opt_in",
          consent_updated_at: now.toISOString(),
          consent_collected_from: "OTHER",
        },
      };
    case "shop/redact":
      return compliancePayloads.shopRedact(shop);
    case "app/uninstalled":
      return {
        id: 954889,
        name: "qui pearl project",
        email: "support@quipearljewelry.com",
        domain: shop,
        myshopify_domain: shop,
        country_code: "JP",
        currency: "JPY",
        iana_timezone: "Asia/Tokyo",
        primary_locale: "ja",
      };
    default:
      throw new Error(`unknown topic ${topic}`);
  }
}
