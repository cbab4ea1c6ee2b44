import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  canonicalJson,
  parsePolicyContent,
  parsePolicyDocument,
  parsePolicyDrafts,
  purposesChanged,
  purposesOf,
  PolicyValidationError,
  REQUIRED_SECTION_IDS,
} from "../../../app/privacy/policy/policyDocument";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";
import { sectionNumbers } from "../../../app/privacy/policy/policyDocument";
import { translate } from "../../../app/i18n";
import { policyContentHash } from "../../../app/privacy/policy/policyHash";

// The client's policy exactly as they gave it (shared/seed/privacy-policy.ja.txt), kept beside the test so CI has it.
const seedText = readFileSync(path.resolve(import.meta.dirname, "client-policy.ja.txt"), "utf8");

describe("seed policy", () => {
  const seed = seedPolicyContent();

  it("validates in both languages with the required sections", () => {
    expect(() => parsePolicyContent(seed)).not.toThrow();
    for (const id of REQUIRED_SECTION_IDS) expect(seed.ja.sections.map((s) => s.id)).toContain(id);
  });

  it("keeps the Japanese text of the client's policy word for word", () => {
    const flat = (s: string) => s.replace(/\s+/g, "");
    const source = flat(seedText);
    // The contact section's English fragments ("Contact" page, "mail :", "tel :") are said in Japanese.
    const contact = seed.ja.sections.find((s) => s.id === "contact")!;
    expect(contact.paragraphs.join("\n")).toBe("個人情報の取扱いに関するお問い合わせは、ストアページ内の「お問い合わせ」ページのフォームからご連絡ください。\nメール: support@quipearljewelry.com\n電話: 078-303-1150");
    const texts = [seed.ja.intro, ...seed.ja.sections.filter((s) => s !== contact).flatMap((s) => [...s.paragraphs, ...s.items.map((i) => i.text)])];
    for (const text of texts) {
      for (const line of text.split("\n")) expect(source, line).toContain(flat(line));
    }
    expect(purposesOf(seed.ja)).toHaveLength(14);
    expect(purposesOf(seed.ja)[0]).toEqual({ id: "purpose_01", text: "各種商品に関するご案内のため" });
    expect(seed.ja.sections.find((s) => s.id === "third_party")?.items).toHaveLength(5);
    expect(seed.ja.sections.find((s) => s.id === "refusal_grounds")?.items).toHaveLength(5);
    expect(seed.ja.business).toMatchObject({ email: "support@quipearljewelry.com", phone: "078-303-1150" });
  });

  it("numbers sections as published: the refusal grounds are 4(2), the fee 4(3), as the desk's grounds cite them", () => {
    for (const doc of [seed.ja, seed.en]) {
      const numbers = sectionNumbers(doc);
      expect(numbers.get("requests")).toBe("4");
      expect(numbers.get("refusal_grounds")).toBe("4(2)");
      expect(numbers.get("fees")).toBe("4(3)");
      expect(numbers.get("contact")).toBe("12");
      // A sub-section's heading carries the same "(n)" the numbering gives it.
      for (const section of doc.sections.filter((s) => s.subsection && /^\(\d\)/.test(s.heading))) {
        expect(numbers.get(section.id)).toMatch(new RegExp(`\\(${section.heading.slice(1, 2)}\\)$`));
      }
    }
    expect(translate("ja", "desk.detail.ground.identity_not_confirmed")).toContain(`ポリシー${sectionNumbers(seed.ja).get("refusal_grounds")}`);
    expect(translate("en", "desk.detail.ground.identity_not_confirmed")).toContain(`policy ${sectionNumbers(seed.en).get("refusal_grounds")}`);
  });

  it("has no English in the Japanese policy and no Japanese in the English one", () => {
    const allowed = /qui pearl project|support@quipearljewelry\.com|Cookie|IP|Web/g;
    const textOf = (doc: typeof seed.ja) => [doc.title, doc.intro, ...doc.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...s.items.map((i) => i.text)])].join("\n");
    expect(textOf(seed.ja).replace(allowed, "")).not.toMatch(/[A-Za-z]{2,}/);
    expect(textOf(seed.en)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("has an English version with the same sections and item ids", () => {
    const shape = (doc: typeof seed.ja) => doc.sections.map((s) => [s.id, s.items.map((i) => i.id)]);
    expect(shape(seed.en)).toEqual(shape(seed.ja));
    expect(seed.en.sections.every((s) => !/[\u3040-\u30ff]/.test(s.heading + s.paragraphs.join("")))).toBe(true);
  });
});

describe("policy validation", () => {
  it("lists every problem and names the field", () => {
    const broken = seedPolicyContent().ja;
    broken.title = " ";
    broken.sections = broken.sections.filter((s) => s.id !== "contact");
    broken.sections[1].items.push({ id: "purpose_01", text: "duplicate" });
    try {
      parsePolicyDocument(broken, "ja");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyValidationError);
      const paths = (error as PolicyValidationError).problems.map((p) => `${p.path}: ${p.message}`);
      expect(paths.join("\n")).toContain("title: must not be empty");
      expect(paths.join("\n")).toContain("section contact is missing");
      expect(paths.join("\n")).toContain("duplicate item id purpose_01");
    }
  });

  it("refuses an English version whose purposes differ in ids from the Japanese", () => {
    const content = seedPolicyContent();
    content.en.sections[1].items.pop();
    expect(() => parsePolicyContent(content)).toThrow(/same sections and item ids/);
  });
});

describe("content hash and purpose changes", () => {
  it("hashes canonical JSON: key order does not matter, content does", () => {
    const a = seedPolicyContent();
    const reordered = JSON.parse(canonicalJson(a)) as typeof a;
    expect(policyContentHash(reordered)).toBe(policyContentHash(a));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const changed = seedPolicyContent();
    changed.ja.intro += "。";
    expect(policyContentHash(changed)).not.toBe(policyContentHash(a));
    expect(policyContentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("notices an added, removed or reworded purpose, and nothing else", () => {
    const base = seedPolicyContent();
    expect(purposesChanged(null, base)).toBe(false);

    const otherText = seedPolicyContent();
    otherText.ja.sections.find((s) => s.id === "cookies")!.paragraphs[0] += "追記";
    expect(purposesChanged(base, otherText)).toBe(false);

    const added = seedPolicyContent();
    for (const language of ["ja", "en"] as const) {
      added[language].sections.find((s) => s.id === "purposes")!.items.push({ id: "purpose_15", text: "new purpose" });
    }
    expect(purposesChanged(base, added)).toBe(true);

    const reworded = seedPolicyContent();
    reworded.ja.sections.find((s) => s.id === "purposes")!.items[6].text = "各種アンケートのため";
    expect(purposesChanged(base, reworded)).toBe(true);

    const exceptionOnly = seedPolicyContent();
    exceptionOnly.ja.sections.find((s) => s.id === "purposes_exceptions")!.items[0].text = "法令に基づく場合";
    expect(purposesChanged(base, exceptionOnly)).toBe(false);
  });
});

describe("policy diff", () => {
  it("reports changes by stable ids", async () => {
    const { diffPolicy } = await import("../../../app/privacy/policy/policyDiff");
    const published = seedPolicyContent().ja;
    expect(diffPolicy(published, seedPolicyContent().ja)).toEqual([]);
    const draft = seedPolicyContent().ja;
    const purposes = draft.sections.find((s) => s.id === "purposes")!;
    purposes.items[2].text = "変更した目的";
    purposes.items.splice(13, 1);
    purposes.items.push({ id: "purpose_15", text: "新しい目的" });
    draft.business.representative = "山田 花子";
    const changes = diffPolicy(published, draft);
    expect(changes).toEqual(
      expect.arrayContaining([
        { change: "changed", path: "item:purpose_03", label: `${purposes.heading} (3)`, before: "当社の事業運営上、必要な事項の通知をするため", after: "変更した目的" },
        { change: "added", path: "item:purpose_15", label: `${purposes.heading} (14)`, after: "新しい目的" },
        expect.objectContaining({ change: "removed", path: "item:purpose_14" }),
        { change: "changed", path: "business.representative", label: "representative", before: "", after: "山田 花子" },
      ]),
    );
    expect(changes).toHaveLength(4);
    expect(diffPolicy(null, draft).length).toBeGreaterThan(10);
  });
});

describe("seed copies", () => {
  it("share no objects between languages or calls, so editing one never edits another", () => {
    const a = seedPolicyContent();
    a.ja.business.representative = "changed";
    a.ja.sections[0].paragraphs[0] = "changed";
    expect(a.en.business.representative).toBe("");
    expect(seedPolicyContent().ja.business.representative).toBe("");
    expect(seedPolicyContent().ja.sections[0].paragraphs[0]).not.toBe("changed");
  });
});

describe("policy drafts", () => {
  it("saves languages that still differ in sections, which publishing refuses", () => {
    const content = seedPolicyContent();
    content.en.sections[1].items.pop();
    expect(parsePolicyDrafts(content).en.sections[1].items).toHaveLength(content.en.sections[1].items.length);
    expect(() => parsePolicyContent(content)).toThrow(/same sections and item ids/);
  });

  it("says per language what is wrong, and reads a non-object as two missing documents", () => {
    const content = seedPolicyContent();
    content.ja.title = "";
    expect(() => parsePolicyDrafts(content)).toThrow(PolicyValidationError);
    try {
      parsePolicyDrafts(content);
    } catch (error) {
      expect((error as PolicyValidationError).problems.map((p) => `${p.language} ${p.path}`)).toEqual(["ja title"]);
    }
    try {
      parsePolicyDrafts("not json");
    } catch (error) {
      expect(new Set((error as PolicyValidationError).problems.map((p) => p.language))).toEqual(new Set(["ja", "en"]));
    }
    expect.assertions(3);
  });
});
