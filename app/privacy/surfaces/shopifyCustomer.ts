// The customer a UI extension is about, read from Shopify with the shop's offline token: proof that
// the id belongs to this shop (another shop's customer id is not found here), and the contact
// details a request needs for its notices.
import { adminQuery, customerGid, type AdminGraphql, type QueryOptions } from "../adminApi";

export const CUSTOMER_CARD = `#graphql
  query PrivacyDeskCustomerCard($id: ID!) {
    customer(id: $id) {
      id firstName lastName email phone locale
      emailMarketingConsent { marketingState }
      smsMarketingConsent { marketingState }
    }
  }`;

export interface ShopifyCustomerCard {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  emailMarketingConsent: { marketingState: string } | null;
  smsMarketingConsent: { marketingState: string } | null;
}

/** The customer, or null when this shop has no customer with that id. */
export async function shopifyCustomerCard(api: AdminGraphql, customerId: string, options: QueryOptions = {}): Promise<ShopifyCustomerCard | null> {
  const data = await adminQuery<{ customer: ShopifyCustomerCard | null }>(api, CUSTOMER_CARD, { id: customerGid(customerId) }, options);
  return data.customer;
}

/** How the desk writes a customer's name: family name first in Japanese, as the shop's customers do. */
export function customerDisplayName(card: Pick<ShopifyCustomerCard, "firstName" | "lastName">, language: "ja" | "en"): string {
  const parts = language === "ja" ? [card.lastName, card.firstName] : [card.firstName, card.lastName];
  return parts.filter((part): part is string => Boolean(part?.trim())).join(" ");
}

/** The request language for a Shopify customer locale ("ja", "ja-JP", "en-US", …). */
export const languageOfLocale = (locale: string | null | undefined): "ja" | "en" => (locale && !/^ja\b/i.test(locale) ? "en" : "ja");
