// Whether a lifecycle delivery may be believed. Shopify signs a webhook's body only, and the bodies
// of app/uninstalled and shop/redact say nothing an earlier install's delivery did not: a captured
// pair, replayed, would delete a reinstalled shop's sessions and then erase it. Headers
// (X-Shopify-Triggered-At, X-Shopify-Event-Id, the webhook id) are not signed, so a replay sets
// them as it likes. What only Shopify knows is whether the shop's offline token still works:
// Shopify revokes it when the app is uninstalled, and a reinstall issues a new one.

/** What Shopify said of the shop's stored offline token. */
export type OfflineTokenStatus = "none" | "valid" | "revoked" | "unknown";

/** As asked through `tokenAsker`: "valid_recently" is a "valid" answer given within its window. */
export type CheckedTokenStatus = OfflineTokenStatus | "valid_recently";

export type LifecycleDecision =
  /** Into the inbox; `dropRevokedSessions`: the stored sessions are dead and go first. */
  | { accept: true; dropRevokedSessions: boolean }
  /** Not stored: 200 when there is nothing to do, 503 so that Shopify asks again. */
  | { accept: false; status: 200 | 503; reason: "installed" | "installed_recently" | "shopify_unanswered" };

/** The topics whose effect depends on whether the app is still installed. */
export const LIFECYCLE_TOPICS: ReadonlySet<string> = new Set(["app/uninstalled", "shop/redact"]);

/**
 * - app/uninstalled while the token still works: the app is installed (a replay, or a late
 *   delivery overtaken by a reinstall); there is nothing to do, and Shopify's own retries of a
 *   real uninstall meet a revoked token.
 * - shop/redact while the token works: stored, and its handler refuses it (the shop holds an
 *   offline session); with a revoked token the app/uninstalled that should have deleted the
 *   sessions was lost (Shopify gave up retrying), so they go now and the erasure proceeds.
 * - Shopify not answering: 503; Shopify retries the delivery for hours (8 tries over 4 h).
 */
export function lifecycleDecision(topic: string, token: CheckedTokenStatus): LifecycleDecision {
  if (token === "unknown") return { accept: false, status: 503, reason: "shopify_unanswered" };
  // Not 200: the app may have been uninstalled since Shopify's answer, and Shopify's retry of a
  // real uninstall, after the window, must meet a fresh answer rather than be dropped.
  if (token === "valid_recently") {
    return topic === "app/uninstalled" ? { accept: false, status: 503, reason: "installed_recently" } : { accept: true, dropRevokedSessions: false };
  }
  if (topic === "app/uninstalled" && token === "valid") return { accept: false, status: 200, reason: "installed" };
  return { accept: true, dropRevokedSessions: topic === "shop/redact" && token === "revoked" };
}

/**
 * Asks Shopify about a shop's token at most once per `windowMs` after a "valid" answer, and once at
 * a time: each replay of a captured delivery would otherwise cost the shop a call against its Admin
 * API bucket and hold the request for up to the check's time. Deliveries arriving while a check
 * runs share its answer; only "valid" is remembered (the others are what a real uninstall meets,
 * and are asked afresh). Per process: with N instances, at most N checks per window.
 */
export function tokenAsker(ask: (shop: string) => Promise<OfflineTokenStatus>, windowMs = 30_000, now = () => Date.now()) {
  const running = new Map<string, Promise<OfflineTokenStatus>>();
  const validAt = new Map<string, number>();
  return async (shop: string): Promise<CheckedTokenStatus> => {
    const at = validAt.get(shop);
    if (at !== undefined && now() - at < windowMs) return "valid_recently";
    validAt.delete(shop);
    let check = running.get(shop);
    if (!check) {
      check = ask(shop).finally(() => running.delete(shop));
      running.set(shop, check);
    }
    const answer = await check;
    if (answer === "valid") validAt.set(shop, now());
    return answer;
  };
}
