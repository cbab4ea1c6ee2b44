// Who signs a notice queued before the app knows the shop's name. Shopify tells the app the name
// only with an access token, which it gets when the app is first opened in the admin (and at
// install, app/shopify.server.ts's afterAuth); a storefront request or a webhook can come first.
// Such a notice holds this placeholder where the name goes, and the name is written in when the
// notice is sent or shown to staff, by then known, rather than the shop's myshopify domain.

/** Never something a template, a shopper or staff writes. */
export const SHOP_NAME_PLACEHOLDER = "[[privacy-desk-shop-name]]";

export const hasShopNamePlaceholder = (text: string) => text.includes(SHOP_NAME_PLACEHOLDER);

export const withShopName = (text: string, name: string) => text.split(SHOP_NAME_PLACEHOLDER).join(name);
