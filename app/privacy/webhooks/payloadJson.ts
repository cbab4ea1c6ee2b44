// Shopify writes ids in webhook payloads as bare JSON numbers, and they may pass 2^53 (its own
// documented samples use 18-digit customer ids): JSON.parse would round such an id to another
// customer's. Integers past the safe range are kept as their exact digits, as a string, which
// every id check and lookup in the app accepts. Node 22's reviver sees each number's source text.
import { cleanText } from "../cleanText";

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

// Strings are cleaned of NUL and lone surrogates too (cleanText.ts): the stored body keeps them as
// JSON escapes, harmless, but a parsed value written to PostgreSQL would fail every retry.
const exactIntegers: Reviver = (_key, value, context) => {
  if (typeof value === "string") return cleanText(value);
  return typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source) ? context.source : value;
};

export function parseWebhookJson(text: string): unknown {
  return JSON.parse(text, exactIntegers as Parameters<typeof JSON.parse>[1]);
}
