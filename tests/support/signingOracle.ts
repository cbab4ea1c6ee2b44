// The attack on a keyed hash of shopper-chosen text: storefront form fields chosen so that the text
// the app hashed for its duplicate-submission fingerprint (before keys were derived: purpose and
// fields joined by U+001F, keyed with the client secret) is exactly the App Proxy signature base of
// a query naming another shop and customer. If any value the app hands out were that HMAC, it would
// be a valid `signature` for the forged query.
import { proxySignatureBase } from "./appProxy";

export interface OracleTarget {
  /** The shop whose storefront receives the form. */
  shop: string;
  /** logged_in_customer_id of the submission ("" when logged out). */
  customerId: string;
  /** What the forged query should claim. */
  forgedShop: string;
  forgedCustomerId: string;
  timestamp: number;
}

export interface OracleForm {
  /** The storefront form's fields, as posted. */
  fields: Record<string, string>;
  /** The forged proxy query, without its signature. */
  forged: Record<string, string>;
  /** The text the old fingerprint hashed; equals the forged query's signature base. */
  text: string;
}

export function signingOracleForm(target: OracleTarget): OracleForm {
  const tail = `logged_in_customer_id=${target.forgedCustomerId}path_prefix=/apps/privacyshop=${target.forgedShop}timestamp=${target.timestamp}`;
  const fields = {
    type: "disclosure",
    name: "a=b",
    email: "oracle@example.jp",
    phone: "",
    order: "",
    delivery: "electronic",
    message: `c${tail}`,
  };
  const text = ["fingerprint", target.shop, target.customerId, fields.type, fields.name, fields.email, "", "", fields.delivery, "self", "", "", fields.message].join("\u001f");
  const equals = text.indexOf("=");
  const forged = {
    [text.slice(0, equals)]: text.slice(equals + 1, text.length - tail.length),
    logged_in_customer_id: target.forgedCustomerId,
    path_prefix: "/apps/privacy",
    shop: target.forgedShop,
    timestamp: String(target.timestamp),
  };
  if (proxySignatureBase(forged) !== text) throw new Error("the forged query does not reproduce the hashed text");
  return { fields: { ...fields, consent: "1", locale: "ja", website: "" }, forged, text };
}
