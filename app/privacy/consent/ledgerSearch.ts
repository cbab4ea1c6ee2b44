// Finding a person in the ledger by email. The ledger never stores an email: an email-only subject
// is found through its keyed hashes (every key of the ring), and a Shopify customer with that email
// through Shopify's customer search, by the customer id the ledger keys them by.
import { proposeCustomerMatches } from "../identity/customerMatch";
import type { AdminGraphql } from "../adminApi";
import { customerSubjectKey, emailSubjectKeys } from "./subject";

export async function subjectKeysForEmail(shop: string, email: string, api: AdminGraphql | null): Promise<string[]> {
  const keys = emailSubjectKeys(shop, email);
  if (!api) return keys;
  try {
    const customers = await proposeCustomerMatches(api, { email, phone: "", orderName: "" });
    return [...keys, ...customers.filter((customer) => customer.matchedBy.includes("email")).map((customer) => customerSubjectKey(customer.customerId))];
  } catch {
    // Shopify unreachable: the email-only subjects are still found.
    return keys;
  }
}
