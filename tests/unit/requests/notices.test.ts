import { describe, expect, it } from "vitest";
import { DEFAULT_NOTICE_TEMPLATES, NOTICE_KINDS, NOTICE_VARIABLES, parseNoticeTemplates, renderNotice } from "../../../app/privacy/mail/templates";
import { erasureSchedule } from "../../../app/privacy/requests/shopifyActions";

describe("notice templates", () => {
  it("has a Japanese and an English template for every kind, using only its documented variables", () => {
    for (const kind of NOTICE_KINDS) {
      for (const locale of ["ja", "en"] as const) {
        const template = DEFAULT_NOTICE_TEMPLATES[kind][locale];
        expect(template.subject.length).toBeGreaterThan(0);
        const used = [...`${template.subject}${template.body}`.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        for (const name of used) expect(NOTICE_VARIABLES[kind]).toContain(name);
      }
    }
  });

  it("fills variables once, so a shopper's text cannot expand other placeholders", () => {
    const rendered = renderNotice("refusal", "en", { reference: "PD-2026-00001", requestType: "Disclosure", ground: "g", explanation: "{reference} and {contactEmail}", businessName: "Shop", contactEmail: "c@example.com" });
    expect(rendered.text).toContain("{reference} and {contactEmail}");
    expect(rendered.subject).toBe("[PD-2026-00001] Our answer to your request");
  });

  it("escapes every substituted value in the HTML version and keeps subjects on one line", () => {
    const rendered = renderNotice("decision", "ja", { reference: "PD-1\r\nBcc: x@evil.example", requestType: "<b>x</b>", outcome: "o", explanation: `<script>alert("x")</script>`, businessName: "A&B", contactEmail: "" });
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.html).not.toContain("<script>");
    expect(rendered.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(rendered.html).toContain("A&amp;B");
  });

  it("leaves out a signature line whose value is empty, in both languages and in the HTML", () => {
    const vars = { reference: "PD-2026-00001", requestType: "開示", outcome: "対応しました", explanation: "", downloadLink: "", businessName: "qui pearl project" };
    const ja = renderNotice("decision", "ja", { ...vars, contactEmail: "" });
    expect(ja.text).toContain("qui pearl project");
    expect(ja.text).not.toContain("お問い合わせ");
    expect(ja.html).not.toContain("お問い合わせ");
    expect(renderNotice("decision", "en", { ...vars, contactEmail: " " }).text).not.toContain("Contact");
    expect(renderNotice("decision", "ja", { ...vars, contactEmail: "privacy@example.jp" }).text).toContain("お問い合わせ: privacy@example.jp");
    // A line with text of its own around the placeholder stays, as the shop wrote it.
    const custom = { decision: { ja: { body: "担当: {businessName}\nご連絡先: {contactEmail} まで" } } };
    expect(renderNotice("decision", "ja", { ...vars, contactEmail: "" }, custom).text).toBe("担当: qui pearl project\nご連絡先:  まで");
  });

  it("keeps one blank line between paragraphs when the explanation is empty", () => {
    const vars = { reference: "PD-2026-00001", requestType: "開示", outcome: "対応しました", explanation: "", downloadLink: "", businessName: "qui pearl project", contactEmail: "privacy@example.jp" };
    for (const locale of ["ja", "en"] as const) {
      for (const kind of ["decision", "refusal"] as const) {
        const rendered = renderNotice(kind, locale, { ...vars, ground: "g" });
        expect(rendered.text).not.toMatch(/\n\s*\n\s*\n/);
        expect(rendered.html).not.toMatch(/<br>\n<br>\n<br>/);
      }
    }
    expect(renderNotice("decision", "ja", vars).text).toBe("受付番号 PD-2026-00001（開示）のご請求について、以下のとおり対応いたしました。\n\n対応しました\n\nqui pearl project\nお問い合わせ: privacy@example.jp");
    // An explanation given still stands in its own paragraph.
    expect(renderNotice("decision", "en", { ...vars, explanation: "Attached." }).text).toContain("対応しました\n\nAttached.\n\nqui pearl project");
    // A placeholder-only line at the end goes with the blank line before it.
    expect(renderNotice("decision", "en", vars, { decision: { en: { body: "{outcome}\n\n{explanation}" } } }).text).toBe("対応しました");
  });

  it("lets a shop override a template field by field and ignores malformed overrides", () => {
    const overrides = JSON.stringify({ acknowledgement: { en: { subject: "Got it: {reference}" } }, bogus: { en: { subject: "x" } }, decision: "nope" });
    const parsed = parseNoticeTemplates(overrides);
    expect(Object.keys(parsed)).toEqual(["acknowledgement"]);
    const rendered = renderNotice("acknowledgement", "en", { reference: "PD-2026-00009" }, overrides);
    expect(rendered.subject).toBe("Got it: PD-2026-00009");
    expect(rendered.text).toContain("Reference: PD-2026-00009");
    expect(renderNotice("acknowledgement", "ja", { reference: "PD-2026-00009" }, overrides).subject).toContain("受け付けました");
    expect(parseNoticeTemplates("not json")).toEqual({});
  });
});

describe("Shopify erasure schedule", () => {
  const requestedAt = new Date("2026-06-01T00:00:00Z");
  it("is 10 days after the request when the last order is old", () => {
    const schedule = erasureSchedule(requestedAt, new Date("2025-01-01T00:00:00Z"));
    expect(schedule.heldForOrders).toBe(false);
    expect(schedule.expectedErasureAt.toISOString()).toBe("2026-06-11T00:00:00.000Z");
  });
  it("waits until six months after a recent last order", () => {
    const schedule = erasureSchedule(requestedAt, new Date("2026-05-20T12:00:00Z"));
    expect(schedule.heldForOrders).toBe(true);
    expect(schedule.expectedErasureAt.toISOString()).toBe("2026-11-20T12:00:00.000Z");
  });
  it("is 10 days after the request for a customer without orders", () => {
    expect(erasureSchedule(requestedAt, null).expectedErasureAt.toISOString()).toBe("2026-06-11T00:00:00.000Z");
  });
});
