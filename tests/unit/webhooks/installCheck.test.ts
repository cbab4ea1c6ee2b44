// Which lifecycle deliveries are believed (app/privacy/webhooks/installCheck.ts); the built server's
// side is tests/integration/webhooks-replay.test.ts.
import { describe, expect, it } from "vitest";
import { lifecycleDecision, tokenAsker, type OfflineTokenStatus } from "../../../app/privacy/webhooks/installCheck";

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

  it("within the window of a working token, an uninstall is 503 (asked again later), a redact stored for its handler to refuse", () => {
    expect(lifecycleDecision("app/uninstalled", "valid_recently")).toEqual({ accept: false, status: 503, reason: "installed_recently" });
    expect(lifecycleDecision("shop/redact", "valid_recently")).toEqual({ accept: true, dropRevokedSessions: false });
  });
});

describe("asking Shopify about a shop's token", () => {
  it("asks once for deliveries that arrive together, and not again within the window of a working token", async () => {
    let clock = 0;
    const asked: string[] = [];
    let answer: OfflineTokenStatus = "valid";
    const ask = tokenAsker(async (shop) => (asked.push(shop), await new Promise((resolve) => setTimeout(resolve, 5)), answer), 30_000, () => clock);
    expect(await Promise.all([ask("a.myshopify.com"), ask("a.myshopify.com"), ask("a.myshopify.com")])).toEqual(["valid", "valid", "valid"]);
    expect(asked).toEqual(["a.myshopify.com"]);
    clock = 29_999;
    expect(await ask("a.myshopify.com")).toBe("valid_recently");
    // Another shop is its own question.
    expect(await ask("b.myshopify.com")).toBe("valid");
    expect(asked).toEqual(["a.myshopify.com", "b.myshopify.com"]);
    clock = 30_000;
    answer = "revoked";
    expect(await ask("a.myshopify.com")).toBe("revoked");
  });

  it("remembers nothing but a working token: a revoked or unanswered one is asked again at once", async () => {
    const answers: OfflineTokenStatus[] = ["unknown", "revoked", "revoked"];
    let asked = 0;
    const ask = tokenAsker(async () => answers[asked++], 30_000, () => 0);
    expect([await ask("a.myshopify.com"), await ask("a.myshopify.com"), await ask("a.myshopify.com")]).toEqual(["unknown", "revoked", "revoked"]);
    expect(asked).toBe(3);
  });
});
