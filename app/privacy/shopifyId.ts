// Shopify's numeric ids (customers, orders, data requests) are positive 64-bit integers: at most
// 19 digits. A longer run of digits is no Shopify id; refused where it comes in, it never reaches a
// query, a BigInt conversion or a stored row that every retry would trip over again.
const MAX_ID = 2n ** 63n - 1n;

export function isShopifyIdText(text: string): boolean {
  return /^[0-9]{1,19}$/.test(text) && BigInt(text) >= 1n && BigInt(text) <= MAX_ID;
}

/** A JSON value that is a Shopify id: a positive safe integer, or digits (ids past 2^53 arrive as text). */
export function isShopifyId(value: unknown): boolean {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0;
  return typeof value === "string" && isShopifyIdText(value);
}
