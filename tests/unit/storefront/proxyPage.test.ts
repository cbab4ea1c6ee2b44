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
    expect(en).toContain("November 16, 2026");
  });

  const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ");

  it("show one result: the request alone with a link to look up another, its dates on the shop's calendar, no codes", () => {
    // Received at 01:30 on 2 December in Tokyo (still the 1st in UTC).
    const result = { reference: "PD-2026-00014", type: "stop_use", status: "in_progress" as const, nextStep: "in_progress", receivedAt: new Date("2026-12-01T16:30:00Z"), dueAt: new Date("2026-12-16T14:59:59Z") };
    const ja = statusPage("ja", { result, timeZone: "Asia/Tokyo" });
    expect(ja).not.toContain("<form");
    expect(ja).toContain('href="/apps/privacy/requests/status?locale=ja"');
    expect(ja.match(/data-pd-status=/g)).toHaveLength(1);
    for (const words of ["対応中", "利用停止・消去・第三者提供の停止の請求", "2026年12月2日", "2026年12月16日"]) expect(text(ja)).toContain(words);
    expect(text(ja)).not.toMatch(/in_progress|stop_use|\d{4}-\d{2}-\d{2}|[A-Za-z]{3,}/);
    const en = text(statusPage("en", { result, timeZone: "Asia/Tokyo" }));
    for (const words of ["In progress", "Stop of use, erasure or stop of third-party provision", "December 2, 2026", "December 16, 2026"]) expect(en).toContain(words);
    expect(en).not.toMatch(/in_progress|stop_use|\d{4}-\d{2}-\d{2}|[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("ask again, keeping what was typed, when nothing matched; the bare page is the look-up form alone", () => {
    const missed = statusPage("en", { reference: "PD-2026-00099", email: "a@example.jp", result: "not_found" });
    expect(missed).toMatch(/<p class="pd-proxy__error" role="alert">No request matches/);
    expect(missed).toContain('value="PD-2026-00099"');
    expect(missed).toContain('<form class="pd-proxy__form"');
    const bare = statusPage("ja", {});
    expect(bare).toContain("<form");
    expect(bare).not.toContain('role="alert"');
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
