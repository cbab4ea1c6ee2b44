// Text from outside (storefront forms, UI extensions, webhook payloads) may hold a NUL character or
// a lone UTF-16 surrogate. PostgreSQL refuses both in text columns, so such a value would fail its
// insert on every retry (a poison webhook event, a form that can never be filed). They carry no
// meaning a person typed: NUL is removed, a lone surrogate becomes U+FFFD, before anything is stored.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(value: string): string {
  return value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Every string of a parsed JSON value or form, cleaned; other values as they are. */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[cleanText(key)] = cleanStrings(inner);
    return out as T;
  }
  return value;
}
