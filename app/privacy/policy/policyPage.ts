// Where the published policy can be read on the storefront. The policy block is placed by the
// merchant in the theme editor, so the app cannot see the page itself: the merchant tells it the
// page's address (a path of the online store, or a full https URL), and the admin links the live
// policy there; until then it offers the theme editor to place the block.
import type { Db } from "../../db.factory";

export const POLICY_PAGE_URL_MAX = 500;

export type PolicyPageUrlResult = { ok: true; value: string } | { ok: false; code: "invalid" | "too_long" };

/** "" clears it; "/pages/privacy" and "https://shop.example/pages/privacy" are kept; anything else is refused. */
export function parsePolicyPageUrl(input: unknown): PolicyPageUrlResult {
  const value = typeof input === "string" ? input.trim() : "";
  if (!value) return { ok: true, value: "" };
  if (value.length > POLICY_PAGE_URL_MAX) return { ok: false, code: "too_long" };
  // No spaces or control characters anywhere: the value becomes a link.
  if (/\s/.test(value) || [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return { ok: false, code: "invalid" };
  if (value.startsWith("/")) {
    // "//host" would leave the shop's domain; a backslash is read as a slash by browsers.
    if (value.startsWith("//") || value.includes("\\")) return { ok: false, code: "invalid" };
    return { ok: true, value };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, code: "invalid" };
  }
  if (url.protocol !== "https:" || !url.hostname.includes(".") || url.username || url.password) return { ok: false, code: "invalid" };
  return { ok: true, value: url.toString() };
}

/**
 * The link to the live policy: a path on the shop's own domain (the myshopify domain forwards to the
 * shop's primary domain), or the URL as given. Null while the merchant has not said where it is.
 */
export function livePolicyUrl(shop: string, stored: string): string | null {
  const parsed = parsePolicyPageUrl(stored);
  if (!parsed.ok || !parsed.value) return null;
  return parsed.value.startsWith("/") ? `https://${shop}${parsed.value}` : parsed.value;
}

/** Shopify's theme editor showing the page (documented previewPath), when the page is on the shop's own domain. */
export function themeEditorPreviewUrl(shop: string, stored: string): string | null {
  const parsed = parsePolicyPageUrl(stored);
  if (!parsed.ok || !parsed.value) return null;
  const path = parsed.value.startsWith("/") ? parsed.value : null;
  return path ? `https://${shop}/admin/themes/current/editor?previewPath=${encodeURIComponent(path)}` : null;
}

export async function loadPolicyPageUrl(db: Db, shop: string): Promise<string> {
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { policyPageUrl: true } });
  return settings?.policyPageUrl ?? "";
}

export async function savePolicyPageUrl(db: Db, shop: string, value: string): Promise<void> {
  await db.shopSettings.upsert({ where: { shop }, create: { shop, policyPageUrl: value }, update: { policyPageUrl: value } });
}
