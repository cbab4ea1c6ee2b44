// The vocabulary of the consent ledger. Stored as plain strings so a new kind or source does not
// need a migration, and validated here so nothing outside the vocabulary reaches the ledger.

export const CONSENT_KINDS = [
  "policy",
  "email_marketing",
  "sms_marketing",
  "analytics",
  "marketing",
  "preferences",
  "sale_of_data",
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const CONSENT_SOURCES = [
  "storefront_form",
  "consent_banner",
  "shopify_webhook",
  "staff",
  "stop_use_request",
  "customer_account",
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const isConsentKind = (value: unknown): value is ConsentKind =>
  typeof value === "string" && (CONSENT_KINDS as readonly string[]).includes(value);

export const isConsentSource = (value: unknown): value is ConsentSource =>
  typeof value === "string" && (CONSENT_SOURCES as readonly string[]).includes(value);
