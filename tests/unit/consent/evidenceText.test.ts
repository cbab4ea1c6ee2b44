import { describe, expect, it } from "vitest";
import { evidenceText } from "../../../app/privacy/consent/evidenceText";

describe("consent evidence in words", () => {
  it.each([
    ["request form PD-2026-00012 (ja) policy v3", "ご請求フォーム PD-2026-00012（日本語）・ポリシー第3版に同意", "Request form PD-2026-00012 (Japanese), accepted policy version 3"],
    ["request form PD-2026-00013 (en) no published policy", "ご請求フォーム PD-2026-00013（英語）・公開中のポリシーなし", "Request form PD-2026-00013 (English), no published policy"],
    ["storefront consent banner", "ストアの同意バナー", "Storefront consent banner"],
    ["shopify subscribed (confirmed_opt_in)", "Shopify の通知: 購読（ダブルオプトイン（確認済み））", "Shopify update: subscribed (confirmed opt-in)"],
    ["shopify not_subscribed (unknown)", "Shopify の通知: 未購読（方式不明）", "Shopify update: not subscribed (opt-in level unknown)"],
    ["stop-use request PD-2026-00002", "利用停止のご請求 PD-2026-00002", "Stop-use request PD-2026-00002"],
    ["policy v1 ja", "ポリシー第1版（日本語）", "Policy version 1 (Japanese)"],
  ])("says %j in Japanese and English", (stored, ja, en) => {
    expect(evidenceText(stored, "ja")).toBe(ja);
    expect(evidenceText(stored, "en")).toBe(en);
  });

  it("shows evidence of an unknown shape as stored", () => {
    expect(evidenceText("imported from the old shop", "ja")).toBe("imported from the old shop");
  });
});
