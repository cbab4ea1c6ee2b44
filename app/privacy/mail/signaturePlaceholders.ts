// Who signs a notice queued before the app knows the shop's name and contact address. Shopify tells
// the app both only with an access token, which it gets when the app is first opened in the admin
// (and at install, app/shopify.server.ts's afterAuth); a storefront request or a webhook can come
// first. Such a notice holds these placeholders where the name and the contact address go, and they
// are written in when the notice is sent or shown to staff, by then known, rather than the shop's
// myshopify domain for the name, or no contact line at all.

/** Never something a template, a shopper or staff writes. */
export const SHOP_NAME_PLACEHOLDER = "[[privacy-desk-shop-name]]";
export const SHOP_CONTACT_PLACEHOLDER = "[[privacy-desk-shop-contact]]";

export const hasShopNamePlaceholder = (text: string) => text.includes(SHOP_NAME_PLACEHOLDER);
export const hasShopContactPlaceholder = (text: string) => text.includes(SHOP_CONTACT_PLACEHOLDER);

export const withShopName = (text: string, name: string) => text.split(SHOP_NAME_PLACEHOLDER).join(name);

// As the templates leave out a labelled line whose value is empty (mail/templates.ts), a contact
// line that turns out empty when sent goes: "お問い合わせ:" with nothing after it helps no one.
const EMPTY_CONTACT_LINE = new RegExp(`\\n[^{}\\n]{0,40}[:：][ \\t]*${SHOP_CONTACT_PLACEHOLDER.replace(/[[\]]/g, "\\$&")}[ \\t]*(?=\\n|$)`, "g");

export function withShopContact(text: string, contact: string): string {
  const kept = contact ? text : text.replace(EMPTY_CONTACT_LINE, "");
  return kept.split(SHOP_CONTACT_PLACEHOLDER).join(contact);
}

/** Both placeholders filled, for a notice shown to staff or sent. */
export const withShopSignature = (text: string, signature: { name: string; contact: string }) => withShopContact(withShopName(text, signature.name), signature.contact);
