// Who a ledger row is about. A Shopify customer id when the shop knows the person; otherwise a
// keyed hash of the email, so the ledger can prove consent without holding the address itself;
// for an anonymous storefront visitor, a keyed hash of the random id the consent banner keeps in
// the browser, so the merchant can show that this browser's choice was made (GDPR Art. 7(1))
// without the ledger holding anything that links back to it on its own.
import { emailSubjectHash, emailSubjectHashes, normaliseEmail, visitorSubjectHash } from "../keyedHash";
import { isShopifyIdText } from "../shopifyId";

export class ConsentInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "ConsentInputError";
  }
}

const CUSTOMER_ID = /^[0-9]{1,20}$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/([0-9]{1,20})$/;

/** Accepts a numeric id or a Customer gid and returns the numeric id, or null if it is neither. */
export function normaliseCustomerId(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  const id = CUSTOMER_ID.test(text) ? text.replace(/^0+(?=\d)/, "") : (CUSTOMER_GID.exec(text)?.[1] ?? null);
  // Longer than any Shopify id (issue 11, point 13): no customer.
  return id && isShopifyIdText(id) ? id : null;
}

// What the banner sends: a version 4 UUID as crypto.randomUUID() writes it (lower case, 36
// characters). Nothing else is accepted, so the id can carry no other data.
export const VISITOR_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const VISITOR_ID_LENGTH = 36;

/** The banner's visitor id if it is exactly a lower-case version 4 UUID; null otherwise. */
export function parseVisitorId(value: unknown): string | null {
  if (typeof value !== "string" || value.length !== VISITOR_ID_LENGTH) return null;
  return VISITOR_ID_PATTERN.test(value) ? value : null;
}

export const customerSubjectKey = (customerId: string) => `customer:${customerId}`;
export const emailSubjectKey = (shop: string, email: string) => `email:${emailSubjectHash(shop, email)}`;
/** Every key an email subject may be stored under (current and previous hash keys): for look-ups. */
export const emailSubjectKeys = (shop: string, email: string) => emailSubjectHashes(shop, email).map((hash) => `email:${hash}`);
/** The ledger subject of an anonymous visitor; throws on anything but a well-formed visitor id. */
export function visitorSubjectKey(shop: string, visitorId: string): string {
  const id = parseVisitorId(visitorId);
  if (!id) throw new ConsentInputError("visitorId must be a version 4 UUID", "visitorId");
  return `visitor:${visitorSubjectHash(shop, id)}`;
}

/**
 * The subject key for a person: the customer id first, then the email, then the banner's visitor
 * id; throws when none identifies anyone.
 */
export function subjectKeyFor(shop: string, who: { shopifyCustomerId?: string | null; email?: string | null; visitorId?: string | null }): string {
  if (who.shopifyCustomerId !== undefined && who.shopifyCustomerId !== null && who.shopifyCustomerId !== "") {
    const id = normaliseCustomerId(who.shopifyCustomerId);
    if (!id) throw new ConsentInputError("shopifyCustomerId must be a numeric Shopify customer id", "shopifyCustomerId");
    return customerSubjectKey(id);
  }
  const email = who.email ? normaliseEmail(who.email) : "";
  if (email) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ConsentInputError("email is not an email address", "email");
    return emailSubjectKey(shop, email);
  }
  if (who.visitorId !== undefined && who.visitorId !== null && who.visitorId !== "") return visitorSubjectKey(shop, who.visitorId);
  throw new ConsentInputError("a consent record needs a customer id, an email or a visitor id", "subject");
}

/** Whether a string is a well-formed subject key (used to validate route parameters). */
export function isSubjectKey(value: string): boolean {
  return /^customer:[0-9]{1,20}$/.test(value) || /^(email|visitor):[0-9a-f]{64}$/.test(value);
}

export { isSubjectType, SUBJECT_TYPES, subjectTypeOf, type SubjectType } from "./subjectLabel";
