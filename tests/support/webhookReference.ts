// Shopify's documented example payloads (the webhooks reference's "Sample Payload" of each topic),
// kept in tests/fixtures/shopify-webhooks/ with the API version of the reference they come from.
// Read without losing digits: the samples carry ids past 2^53, which must reach the app as written.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const REFERENCE_DIR = path.resolve(import.meta.dirname, "../fixtures/shopify-webhooks");
/** The placeholder Shopify's compliance samples use for the shop's domain. */
export const SHOP_PLACEHOLDER = "{shop}.myshopify.com";

export interface ReferenceWebhook {
  file: string;
  topic: string;
  /** The webhooks reference version the sample was taken from. */
  apiVersion: string;
  source: string;
  payload: unknown;
}

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;
type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;
const exact: Reviver = (_key, value, context) =>
  typeof value === "number" && !Number.isSafeInteger(value) && context?.source ? rawJson(context.source) : value;

export function referenceWebhooks(): ReferenceWebhook[] {
  return readdirSync(REFERENCE_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), "utf8"), exact as Parameters<typeof JSON.parse>[1]) as Omit<ReferenceWebhook, "file">) }));
}

export function referenceWebhook(topic: string): ReferenceWebhook {
  const found = referenceWebhooks().find((sample) => sample.topic === topic);
  if (!found) throw new Error(`no reference payload for ${topic} in ${REFERENCE_DIR}`);
  return found;
}

/** The sample as a delivery body: Shopify's compact JSON, the placeholder shop replaced by `shop`. */
export function referenceBody(topic: string, shop: string): string {
  return JSON.stringify(referenceWebhook(topic).payload).replaceAll(SHOP_PLACEHOLDER, shop);
}
