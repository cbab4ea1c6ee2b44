// The security section's statement on foreign countries is generated from the processor register:
// staff's paragraphs stay, the generated ones are replaced, and a changed register is noticed.
import { describe, expect, it } from "vitest";
import {
  generatedParagraphs,
  parsePolicyContent,
  parsePolicyDocument,
  PolicyValidationError,
  writtenParagraphs,
} from "../../../app/privacy/policy/policyDocument";
import { applyRegisterStatement, registerChangedSincePublished, type RegisterStatement } from "../../../app/privacy/policy/registerStatement";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";
import { diffPolicy } from "../../../app/privacy/policy/policyDiff";

const security = (content: ReturnType<typeof seedPolicyContent>, language: "ja" | "en" = "ja") =>
  content[language].sections.find((section) => section.id === "security")!;

const usAndCanada: RegisterStatement = { ja: ["【外的環境の把握】…", "・アメリカ合衆国（Shopify）\n・カナダ（Shopify）"], en: ["Understanding…", "- United States (Shopify)\n- Canada (Shopify)"] };
const usOnly: RegisterStatement = { ja: ["【外的環境の把握】…", "・アメリカ合衆国（Shopify）"], en: ["Understanding…", "- United States (Shopify)"] };

describe("register statement in the policy", () => {
  it("appends the generated paragraphs after staff's and marks them", () => {
    const seed = seedPolicyContent();
    const written = security(seed).paragraphs;
    const content = applyRegisterStatement(seed, usAndCanada);
    expect(security(content).paragraphs).toEqual([...written, ...usAndCanada.ja]);
    expect(security(content).generated).toEqual({ source: "processor_register", paragraphs: 2 });
    expect(writtenParagraphs(security(content))).toEqual(written);
    expect(generatedParagraphs(security(content, "en"))).toEqual(usAndCanada.en);
    // Other sections are untouched and both languages still describe the same policy.
    expect(content.ja.sections.filter((s) => s.id !== "security")).toEqual(seed.ja.sections.filter((s) => s.id !== "security"));
    expect(() => parsePolicyContent(content)).not.toThrow();
  });

  it("replaces the old statement rather than adding a second one, keeping staff's edits", () => {
    const first = applyRegisterStatement(seedPolicyContent(), usAndCanada);
    security(first).paragraphs.unshift("スタッフが追記した段落");
    const second = applyRegisterStatement(first, usOnly);
    expect(security(second).paragraphs[0]).toBe("スタッフが追記した段落");
    expect(generatedParagraphs(security(second))).toEqual(usOnly.ja);
    expect(security(second).paragraphs.join("\n")).not.toContain("カナダ");
    expect(applyRegisterStatement(second, usOnly)).toEqual(second);
  });

  it("survives validation, which rejects a marker claiming more paragraphs than there are", () => {
    const content = applyRegisterStatement(seedPolicyContent(), usAndCanada);
    expect(parsePolicyDocument(content.ja, "ja")).toEqual(content.ja);
    const forged = structuredClone(content.ja);
    forged.sections.find((s) => s.id === "security")!.generated = { source: "processor_register", paragraphs: 9 };
    expect(() => parsePolicyDocument(forged, "ja")).toThrow(PolicyValidationError);
    const unknown = structuredClone(content.ja) as unknown as { sections: Array<{ id: string; generated?: unknown }> };
    unknown.sections.find((s) => s.id === "security")!.generated = { source: "staff", paragraphs: 1 };
    expect(() => parsePolicyDocument(unknown, "ja")).toThrow(/known source/);
  });

  it("notices when the published statement differs from the register", () => {
    const published = applyRegisterStatement(seedPolicyContent(), usAndCanada);
    expect(registerChangedSincePublished(published, usAndCanada)).toBe(false);
    expect(registerChangedSincePublished(published, usOnly)).toBe(true);
    // A version published before statements were generated lacks one.
    expect(registerChangedSincePublished(seedPolicyContent(), usOnly)).toBe(true);
    expect(registerChangedSincePublished(null, usOnly)).toBe(false);
  });

  it("shows a register change in the diff against the published version", () => {
    const published = applyRegisterStatement(seedPolicyContent(), usAndCanada);
    const draft = applyRegisterStatement(published, usOnly);
    const changes = diffPolicy(published.ja, draft.ja);
    expect(changes).toEqual([expect.objectContaining({ change: "changed", path: "section:security/paragraphs" })]);
    expect(changes[0].before).toContain("カナダ");
    expect(changes[0].after).not.toContain("カナダ");
  });
});
