// Who a row is about, as the keys an erasure looks rows up by. Every table that can hold a
// customer's data records one of these when the data is written (the customer id, the keyed hash
// of the email or phone, or the id of a request that does), so an erasure reads the person's rows
// through indexes and never searches text.
import { customerSubjectKey, emailSubjectKey, normaliseCustomerId } from "./consent/subject";
import { internationalForm, phoneLookupForms } from "./phoneForms";
import { customerHashes, emailSubjectHash, emailSubjectHashes, keyedHash, keyedHashes, normaliseEmail } from "./keyedHash";

export interface DataSubject {
  customerId?: string | number | null;
  email?: string | null;
  phone?: string | null;
}

/** Digits only, with the leading + kept: "+81 90-4321-8765" and "+819043218765" are one number. */
export function normalisePhone(phone: string): string {
  const text = phone.trim();
  return (text.startsWith("+") ? "+" : "") + text.replace(/\D/g, "");
}

/**
 * The phone's hash as a row is keyed under: a national number is hashed in its E.164 form when the
 * shop's country (ShopSettings.shopCountry; null or "" when unknown) reads it, so the storefront's
 * 090-4321-8765 and Shopify's +81 90 4321 8765 are one key.
 */
export function phoneSubjectHash(shop: string, phone: string, country: string | null): string {
  return keyedHash("subject", shop, "phone", internationalForm(normalisePhone(phone), country));
}

/**
 * The phone's hashes for look-ups: every written form of the number in the shop's country
 * (phoneLookupForms: also the national form rows keyed before the country was known), each under
 * every key in use (current first).
 */
export function phoneSubjectHashes(shop: string, phone: string, country: string | null): string[] {
  return phoneLookupForms(normalisePhone(phone), country).flatMap((form) => keyedHashes("subject", shop, "phone", form));
}

/** The hash columns of a privacy request: "" when the field is empty, so null means "not yet computed". */
export function requestSubjectHashes(shop: string, contact: { email?: string | null; phone?: string | null }, country: string | null) {
  const email = contact.email?.trim() ?? "";
  const phone = contact.phone?.trim() ?? "";
  return {
    emailHash: email ? emailSubjectHash(shop, email) : "",
    phoneHash: phone && normalisePhone(phone).replace("+", "") ? phoneSubjectHash(shop, phone, country) : "",
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The inbox's key for a delivery: whom its payload is about. Compliance topics name a `customer`
 * object; the consent topics name `customer_id` (the SMS topic's documented payload uses `id`)
 * and the email topic `email_address`. The customer id comes first: Shopify's payloads always
 * carry it with the contact fields, and an email identifies one customer of a shop.
 */
export function deliverySubjectKey(shop: string, topic: string, payload: unknown): string | null {
  if (!isRecord(payload)) return null;
  let id: unknown;
  let email: unknown;
  if (isRecord(payload.customer)) {
    id = payload.customer.id;
    email = payload.customer.email;
  } else if (typeof topic === "string" && topic.startsWith("customers_")) {
    id = payload.customer_id ?? payload.id;
    email = payload.email_address;
  } else {
    return null;
  }
  const customerId = typeof id === "number" || typeof id === "string" ? normaliseCustomerId(id) : null;
  if (customerId) return customerSubjectKey(customerId);
  if (typeof email === "string" && normaliseEmail(email)) return emailSubjectKey(shop, email);
  return null;
}


/**
 * What an erasure looks a person up by. Each hash is listed under every key of the ring (current
 * and previous), so a row written before a key rotation is found too.
 */
export interface SubjectLookup {
  customerId: string | null;
  email: string | null;
  phone: string | null;
  emailHashes: string[];
  phoneHashes: string[];
  /** The erasure-purpose hashes of the customer id (form submissions of logged-in customers). */
  customerHashes: string[];
  /** Consent ledger and inbox subject keys: "customer:<id>" and "email:<hash>". */
  subjectKeys: string[];
}

/** `country`: the shop's (ShopSettings.shopCountry), by which a phone's other written forms are looked up too. */
export function subjectLookup(shop: string, subject: DataSubject, country: string | null): SubjectLookup {
  const given = subject.customerId === undefined || subject.customerId === null ? "" : String(subject.customerId).trim();
  const customerId = given ? (normaliseCustomerId(given) ?? given) : null;
  const email = subject.email?.trim() ? subject.email.trim() : null;
  const phone = subject.phone?.trim() && normalisePhone(subject.phone).replace("+", "") ? subject.phone.trim() : null;
  const emailHashes = email ? emailSubjectHashes(shop, email) : [];
  const phoneHashes = phone ? phoneSubjectHashes(shop, phone, country) : [];
  return {
    customerId,
    email,
    phone,
    emailHashes,
    phoneHashes,
    customerHashes: customerId ? customerHashes(shop, customerId) : [],
    subjectKeys: [...(customerId ? [customerSubjectKey(customerId)] : []), ...emailHashes.map((hash) => `email:${hash}`)],
  };
}
