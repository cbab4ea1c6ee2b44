import { describe, expect, it } from "vitest";
import { blockSchema, policyMetafield, renderAppBlock } from "../../support/liquid";
import { fixturePolicy, japaneseOnlyPolicy } from "./fixturePolicy";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";

const metafields = policyMetafield(fixturePolicy);

describe("privacy policy block", () => {
  it.each([
    ["ja", "プライバシーポリシー", "目次", "第3版"],
    ["en", "Privacy policy", "Contents", "Version 3"],
  ])("renders the published policy in %s", async (locale, title, contents, version) => {
    const { html } = await renderAppBlock("privacy-policy", { locale, metafields });
    expect(html).toContain(`lang="${locale}"`);
    expect(html).toContain(title);
    expect(html).toContain(contents);
    expect(html).toContain(version);
    expect(html.match(/<section class="pd-policy__section"/g)).toHaveLength(12);
    expect(html).toContain('id="pd-AbCdprivacyp1-purpose_01"');
    expect(html).toContain('datetime="2026-11-01T09:00:00.000Z"');
    expect(html).not.toContain("translation missing");
  });

  it("numbers the seed policy as published, with sub-sections inside their section, so 4(2) is section 4's (2)", async () => {
    const seed = seedPolicyContent();
    for (const locale of ["ja", "en"] as const) {
      const { html } = await renderAppBlock("privacy-policy", { locale, metafields: policyMetafield({ version: 1, publishedAt: "2026-11-01T09:00:00.000Z", languages: seed }) });
      const doc = seed[locale];
      const requests = doc.sections.find((s) => s.id === "requests")!;
      const grounds = doc.sections.find((s) => s.id === "refusal_grounds")!;
      expect(html).toContain(`<h3>4. ${requests.heading}</h3>`);
      expect(html).toContain(`<h3>12. ${doc.sections.find((s) => s.id === "contact")!.heading}</h3>`);
      // The (2) sub-section sits inside section 4, as a sub-heading, and is not in the contents.
      const section4 = html.slice(html.indexOf('id="pd-AbCdprivacyp1-requests"'), html.indexOf('id="pd-AbCdprivacyp1-gift_recipients"'));
      expect(section4).toContain(`<section class="pd-policy__subsection" id="pd-AbCdprivacyp1-refusal_grounds"><h4>${grounds.heading}</h4>`);
      expect(grounds.heading.startsWith(locale === "ja" ? "(2)" : "(2)")).toBe(true);
      expect(html.match(/<section class="pd-policy__section"/g)).toHaveLength(12);
      const contents = html.slice(html.indexOf('<nav class="pd-policy__contents"'), html.indexOf("</nav>"));
      expect(contents.match(/<li>/g)).toHaveLength(12);
    }
  });

  it("escapes markup from the policy text", async () => {
    const { html } = await renderAppBlock("privacy-policy", { locale: "ja", metafields });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;個人情報&gt;");
  });

  it("falls back to Japanese when the visitor's language is not published", async () => {
    const { html } = await renderAppBlock("privacy-policy", { locale: "en", metafields: policyMetafield(japaneseOnlyPolicy) });
    expect(html).toContain('lang="ja"');
    expect(html).toContain("プライバシーポリシー");
  });

  it("follows the merchant's settings", async () => {
    const { html } = await renderAppBlock("privacy-policy", {
      metafields,
      settings: { show_contents: false, show_business: false },
    });
    expect(html).not.toContain("<nav");
    expect(html).not.toContain("<address");
  });

  it("shows a notice in the theme editor and nothing to shoppers when nothing is published", async () => {
    const editor = await renderAppBlock("privacy-policy", { locale: "ja", request: { design_mode: true } });
    expect(editor.html).toContain("まだ公開されていません");
    const shopper = await renderAppBlock("privacy-policy", { locale: "en" });
    expect(shopper.html).not.toContain("published");
    expect(shopper.html.replace(/<[^>]+>/g, "").trim()).toBe("");
  });
});

describe("privacy request form block", () => {
  it.each([
    ["ja", ["開示の請求", "お問い合わせ"], "送信する", "第3版"],
    ["en", ["Disclosure of my personal data", "Question"], "Send", "version 3"],
  ])("renders every field in %s", async (locale, types, submit, version) => {
    const { html } = await renderAppBlock("request-form", { locale, metafields });
    for (const text of types) expect(html).toContain(text);
    expect(html).toContain(submit);
    expect(html).toContain(version);
    for (const name of ["type", "name", "email", "phone", "order", "delivery", "is_agent", "agent_name", "agent_relationship", "message", "consent", "website", "policy_version", "locale"]) {
      expect(html, name).toContain(`name="${name}"`);
    }
    expect(html).toContain('action="/apps/privacy/requests"');
    expect(html).toContain('method="post"');
    expect(html).toContain(`name="locale" value="${locale}"`);
    expect(html).toContain('name="policy_version" value="3"');
    expect(html).toContain('href="/policies/privacy-policy"');
    expect(html).not.toContain("translation missing");
  });

  it("prefills a logged-in customer's name, email and phone, escaped, and nothing for a visitor", async () => {
    const customer = { name: "\"花子\" <b> 佐藤", email: "hanako@example.jp", phone: "+81 78-303-1150", first_name: "\"花子\" <b>", last_name: "佐藤" };
    const { html } = await renderAppBlock("request-form", { metafields, customer });
    // Japanese writes the family name first; Shopify's `customer.name` is given name first.
    expect(html).toMatch(/name="name"[^>]*value="佐藤 (&quot;|&#34;)花子(&quot;|&#34;) &lt;b&gt;"/);
    expect(html).toMatch(/name="email"[^>]*value="hanako@example\.jp"/);
    expect(html).toMatch(/name="phone"[^>]*value="\+81 78-303-1150"/);
    const english = await renderAppBlock("request-form", { locale: "en", metafields, customer: { name: "Hanako Sato", email: "hanako@example.jp", first_name: "Hanako", last_name: "Sato" } });
    expect(english.html).toMatch(/name="name"[^>]*value="Hanako Sato"/);
    expect(english.html).not.toMatch(/name="phone"[^>]*value=/);
    // A customer known by one name only keeps the name Shopify gives.
    const single = await renderAppBlock("request-form", { metafields, customer: { name: "Hanako", email: "hanako@example.jp", first_name: "Hanako", last_name: "" } });
    expect(single.html).toMatch(/name="name"[^>]*value="Hanako"/);
    const visitor = await renderAppBlock("request-form", { metafields });
    expect(visitor.html).not.toMatch(/name="(name|email|phone)"[^>]*value=/);
  });

  it("ties every error slot to its field", async () => {
    const { html } = await renderAppBlock("request-form", { metafields });
    const slots = [...html.matchAll(/id="([^"]+-error)"/g)].map((m) => m[1]);
    expect(slots.length).toBeGreaterThanOrEqual(9);
    for (const id of slots) expect(html).toMatch(new RegExp(`aria-describedby="[^"]*${id}`));
  });

  it("offers only the request types the merchant enabled", async () => {
    const { html } = await renderAppBlock("request-form", {
      locale: "en",
      metafields,
      settings: { offer_disclosure: false, offer_provision_records: false, offer_correction: false, offer_purpose_notice: false },
    });
    const options = [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(options).toEqual(["stop_use", "inquiry"]);
  });

  it("still asks for consent, without a version, before any policy is published", async () => {
    for (const locale of ["ja", "en"]) {
      const { html } = await renderAppBlock("request-form", { locale });
      expect(html).toContain('name="policy_version" value=""');
      expect(html).toMatch(/<a href="\/policies\/privacy-policy"[^>]*>(プライバシーポリシー|privacy policy)<\/a>/);
      expect(html).not.toMatch(/第版|version \)/);
    }
  });

  it("uses the merchant's texts, escaped", async () => {
    const { html } = await renderAppBlock("request-form", {
      metafields,
      settings: { heading: "お客様の<権利>", submit_label: "請求する" },
    });
    expect(html).toContain("お客様の&lt;権利&gt;");
    expect(html).toContain("請求する");
  });

  it("loads its script deferred and inlines its CSS, so it adds no render-blocking request", async () => {
    const rendered = await renderAppBlock("request-form", { metafields });
    expect(rendered.scriptTags).toMatch(/<script src="[^"]+request-form\.js" defer><\/script>/);
    expect(rendered.headTags).toBe("");
    expect(rendered.html).toMatch(/<style>[^<]*\.pd-rf\{/);
  });
});

describe("consent banner embed", () => {
  it("targets the body and starts hidden", async () => {
    expect(blockSchema("consent-banner").target).toBe("body");
    for (const locale of ["ja", "en"]) {
      const { html } = await renderAppBlock("consent-banner", { locale, metafields });
      expect(html).toMatch(/data-pd-consent[\s\S]*hidden/);
      expect(html).toContain('data-policy-version="3"');
      expect(html).toContain(locale === "ja" ? "すべて許可" : "Allow all");
    }
  });
});
