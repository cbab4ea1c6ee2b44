// Who a ledger row is about. A Shopify customer id when the shop knows the person; otherwise a
// keyed hash of the email, so the ledger can prove consent without holding the address itself.
import { emailSubjectHash, normaliseEmail } from "../keyedHash";

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
  if (CUSTOMER_ID.test(text)) return text.replace(/^0+(?=\d)/, "");
  const gid = CUSTOMER_GID.exec(text);
  return gid ? gid[1] : null;
}

export const customerSubjectKey = (customerId: string) => `customer:${customerId}`;
export const emailSubjectKey = (shop: string, email: string) => `email:${emailSubjectHash(shop, email)}`;

/** The subject key for a person, preferring the customer id; throws when neither identifies anyone. */
export function subjectKeyFor(shop: string, who: { shopifyCustomerId?: string | null; email?: string | null }): string {
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
  throw new ConsentInputError("a consent record needs a customer id or an email", "subject");
}

/** Whether a string is a well-formed subject key (used to validate route parameters). */
export function isSubjectKey(value: string): boolean {
  return /^customer:[0-9]{1,20}$/.test(value) || /^email:[0-9a-f]{64}$/.test(value);
}
