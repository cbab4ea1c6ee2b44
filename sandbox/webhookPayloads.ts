// Payloads the webhook console starts from: Shopify's documented shapes for the compliance topics
// (shared with the tests) and the shop resource Shopify sends with app/uninstalled.
import { compliancePayloads } from "../tests/support/webhooks";

export const WEBHOOK_TOPICS = ["customers/data_request", "customers/redact", "shop/redact", "app/uninstalled"];

export interface PayloadCustomer {
  id: number;
  email: string | null;
  phone: string | null;
}

export function webhookPayload(topic: string, shop: string, customer: PayloadCustomer | undefined): unknown {
  const subject = customer
    ? { id: customer.id, email: customer.email ?? undefined, phone: customer.phone ?? undefined }
    : { id: 1001 };
  switch (topic) {
    case "customers/data_request":
      return compliancePayloads.dataRequest(shop, subject);
    case "customers/redact":
      return compliancePayloads.customerRedact(shop, subject);
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
