// Keyed hashes identify a person without storing who they are: the erasure proof, the consent
// ledger's subject for shoppers known only by email or only by the banner's visitor id, and
// duplicate-submission fingerprints.
// The key is the app's secret, so a leaked database cannot be reversed by hashing guesses.
import { createHmac } from "node:crypto";

export type HashPurpose = "subject" | "erasure" | "fingerprint" | "shop" | "ip";

function hashKey(): string {
  const key = process.env.PRIVACY_DESK_HASH_KEY || process.env.SHOPIFY_API_SECRET;
  if (!key) throw new Error("PRIVACY_DESK_HASH_KEY or SHOPIFY_API_SECRET must be set to hash personal data");
  return key;
}

export function keyedHash(purpose: HashPurpose, ...parts: string[]): string {
  return createHmac("sha256", hashKey()).update([purpose, ...parts].join("\u001f")).digest("hex");
}

/** Emails compare case-insensitively and without surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The stable hash of a customer within a shop, used in erasure receipts. */
export function customerHash(shop: string, shopifyCustomerId: string): string {
  return keyedHash("erasure", shop, String(shopifyCustomerId));
}

/** A ledger subject for someone known only by email. */
export function emailSubjectHash(shop: string, email: string): string {
  return keyedHash("subject", shop, normaliseEmail(email));
}

/**
 * A ledger subject for an anonymous storefront visitor, known only by the random id the consent
 * banner keeps in the browser. The "visitor" part keeps it apart from email subjects.
 */
export function visitorSubjectHash(shop: string, visitorId: string): string {
  return keyedHash("subject", shop, "visitor", visitorId);
}

export function shopHash(shop: string): string {
  return keyedHash("shop", shop.toLowerCase());
}
