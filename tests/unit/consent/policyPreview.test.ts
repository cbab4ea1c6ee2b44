// The editor's preview against the storefront block itself: both render the same document and must
// show the same outline (sections, their numbers, sub-sections nested in their section, the
// contents, every item), so "4(2)" in the desk and in the policy means what shoppers read.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { PolicyPreview } from "../../../app/components/consent/PolicyPreview";
import { policyOutline, sectionLabel, sectionNumbers } from "../../../app/privacy/policy/policyDocument";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";
import { policyMetafield, renderAppBlock } from "../../support/liquid";

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

/** "[" and "]" for each section's start and end, headings and list items with their text, in order. */
function outlineOf(html: string): string[] {
  const article = html.slice(html.indexOf("<article"), html.indexOf("</article>"));
  const tokens: string[] = [];
  for (const match of article.matchAll(/<section\b|<\/section>|<(h[234]|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    if (match[0] === "</section>") tokens.push("]");
    else if (match[0].startsWith("<section")) tokens.push("[");
    else tokens.push(`${match[1]}:${decode(match[2])}`);
  }
  return tokens;
}

describe("policy preview", () => {
  const seed = seedPolicyContent();
  // Markup in the text must come out as text on both sides.
  seed.en.sections[0].paragraphs.push(`Tags like <b> & "quotes" stay 'text'`);

  it.each(["ja", "en"] as const)("shows the outline the storefront block publishes (%s)", async (language) => {
    const block = await renderAppBlock("privacy-policy", {
      locale: language,
      metafields: policyMetafield({ version: 4, publishedAt: "2026-12-02T00:00:00.000Z", languages: seed }),
    });
    const preview = renderToStaticMarkup(createElement(PolicyPreview, { doc: seed[language], language, version: 4 }));
    const published = outlineOf(block.html);
    expect(outlineOf(preview)).toEqual(published);
    // What the comparison covers: 12 numbered sections, the (2) and (3) of section 4 inside it.
    expect(published.filter((token) => token.startsWith("h3:"))).toHaveLength(12);
    const requests = seed[language].sections.find((section) => section.id === "requests")!;
    const grounds = seed[language].sections.find((section) => section.id === "refusal_grounds")!;
    const at = published.indexOf(`h3:4. ${requests.heading}`);
    expect(published.slice(at, published.indexOf("]", published.indexOf(`h4:${grounds.heading}`)))).toContain(`h4:${grounds.heading}`);
    expect(preview).toContain(language === "ja" ? "第4版" : "Version 4");
    expect(preview).toContain(language === "ja" ? "メール: support@" : "Email: support@");
  });

  it("numbers sub-sections after their section and labels them for staff without repeating their own (2)", () => {
    const doc = seed.ja;
    const numbers = sectionNumbers(doc);
    const outline = policyOutline(doc);
    expect(outline).toHaveLength(12);
    const four = outline[3];
    expect(four.number).toBe("4");
    expect(four.subsections.map((sub) => sub.number)).toEqual(["4(2)", "4(3)"]);
    expect(outline[1].subsections.map((sub) => sub.section.id)).toEqual(["purposes_exceptions"]);
    expect(numbers.get("refusal_grounds")).toBe("4(2)");
    expect(sectionLabel("(2)個人情報を開示できない場合", "4(2)", true)).toBe("4(2) 個人情報を開示できない場合");
    expect(sectionLabel("（3）手数料", "4(3)", true)).toBe("4(3) 手数料");
    expect(sectionLabel("利用目的の範囲外での利用", "2(2)", true)).toBe("2(2) 利用目的の範囲外での利用");
    expect(sectionLabel("個人情報の取得", "1", false)).toBe("1. 個人情報の取得");
  });
});
