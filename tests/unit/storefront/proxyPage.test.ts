import { describe, expect, it } from "vitest";
import { escapeForProxy, invalidPage, receivedPage, statusPage } from "../../../app/privacy/storefront/proxyPage";

const HOSTILE = `<script>alert('x')</script>{{ shop.email }}{% layout none %}"&`;

describe("no-JS proxy pages", () => {
  it("escape HTML and Liquid delimiters", () => {
    const escaped = escapeForProxy(HOSTILE);
    expect(escaped).not.toMatch(/[<>"'{}%]/);
    expect(escaped).toContain("&#60;script&#62;");
  });

  it("render what people typed inertly", () => {
    const pages = [
      receivedPage("ja", HOSTILE),
      invalidPage("en", [{ label: HOSTILE, message: HOSTILE }], HOSTILE),
      statusPage("ja", { reference: HOSTILE, email: HOSTILE, result: "not_found" }),
    ];
    for (const html of pages) expect(html).not.toMatch(/<script|\{\{|\{%/);
  });

  it("show status and next step in the shopper's language", () => {
    const result = { reference: "PD-2026-00012", type: "disclosure", status: "identity_check" as const, nextStep: "identity_check", receivedAt: new Date("2026-11-02T01:00:00Z"), dueAt: new Date("2026-11-16T01:00:00Z") };
    const ja = statusPage("ja", { result });
    expect(ja).toContain("ご本人確認中");
    expect(ja).toContain("2026年11月16日");
    const en = statusPage("en", { result });
    expect(en).toContain("Confirming your identity");
    expect(en).toContain("16 November 2026");
  });

  it("never say a notice went out that has not: the pending wording until it is sent", () => {
    const base = { reference: "PD-2026-00013", type: "disclosure", receivedAt: new Date("2026-11-02T01:00:00Z"), dueAt: new Date("2026-11-16T01:00:00Z") };
    const pending = statusPage("ja", { result: { ...base, status: "completed", nextStep: "completed_pending" } });
    expect(pending).toContain("追ってお知らせします");
    expect(pending).not.toContain("メールでお知らせしています");
    const sent = statusPage("en", { result: { ...base, status: "completed", nextStep: "completed" } });
    expect(sent).toContain("We have emailed you the outcome");
    expect(statusPage("en", { result: { ...base, status: "identity_check", nextStep: "identity_check_pending" } })).not.toContain("we emailed");
  });
});
