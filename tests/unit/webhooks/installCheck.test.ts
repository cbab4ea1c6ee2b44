// Which lifecycle deliveries are believed (app/privacy/webhooks/installCheck.ts); the built server's
// side is tests/integration/webhooks-replay.test.ts.
import { describe, expect, it } from "vitest";
import { lifecycleDecision, type OfflineTokenStatus } from "../../../app/privacy/webhooks/installCheck";

const decide = (topic: string) => (token: OfflineTokenStatus) => lifecycleDecision(topic, token);

describe("lifecycle deliveries against Shopify's word on the offline token", () => {
  it("app/uninstalled is stored only when the shop holds no token or Shopify revoked it", () => {
    const uninstalled = decide("app/uninstalled");
    expect(uninstalled("none")).toEqual({ accept: true, dropRevokedSessions: false });
    expect(uninstalled("revoked")).toEqual({ accept: true, dropRevokedSessions: false });
    // Installed: a replay, or a late delivery overtaken by a reinstall; nothing to do, nothing to retry.
    expect(uninstalled("valid")).toEqual({ accept: false, status: 200, reason: "installed" });
  });

  it("shop/redact is stored, dropping dead sessions first, so that only a working token stops the erasure", () => {
    const redact = decide("shop/redact");
    expect(redact("valid")).toEqual({ accept: true, dropRevokedSessions: false });
    expect(redact("revoked")).toEqual({ accept: true, dropRevokedSessions: true });
    expect(redact("none")).toEqual({ accept: true, dropRevokedSessions: false });
  });

  it("Shopify not answering is 503 for both, so Shopify retries rather than the app guessing", () => {
    for (const topic of ["app/uninstalled", "shop/redact"]) {
      expect(lifecycleDecision(topic, "unknown")).toEqual({ accept: false, status: 503, reason: "shopify_unanswered" });
    }
  });
});
