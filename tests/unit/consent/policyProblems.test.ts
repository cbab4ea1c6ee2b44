// The policy editor says what is wrong in the staff member's language (issue 13, point 7): every
// problem the editor can produce names its field as the editor labels it and says what to do,
// with no internal path ("sections[2].items[1].text"), language code or English domain message.
import { describe, expect, it } from "vitest";
import { translate } from "../../../app/i18n";
import { parsePolicyContent, PolicyValidationError, type PolicyProblem } from "../../../app/privacy/policy/policyDocument";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";
import { policyProblemText, policyProblemWhat } from "../../../app/components/consent/policyProblemText";
import { languageProblems } from "../../support/languageCheck";

function problemsOf(mutate: (content: ReturnType<typeof seedPolicyContent>) => void): PolicyProblem[] {
  const content = seedPolicyContent();
  mutate(content);
  try {
    parsePolicyContent(content);
  } catch (error) {
    if (error instanceof PolicyValidationError) return error.problems;
    throw error;
  }
  return [];
}

const broken = problemsOf((content) => {
  content.ja.title = "";
  content.ja.sections[1].heading = " ";
  content.ja.sections[2].items[0].text = "";
  content.en.business.email = "not-an-address";
  content.en.business.phone = "call me";
  content.ja.intro = "あ".repeat(6000);
  const purposes = content.ja.sections.find((section) => section.id === "purposes")!;
  purposes.items = [];
});

describe("policy editor problems", () => {
  it("are all given a code the editor can say", () => {
    expect(broken.length).toBeGreaterThanOrEqual(6);
    expect(broken.filter((problem) => !problem.code)).toEqual([]);
  });

  it.each(["ja", "en"] as const)("read in %s with the field's label and no path, code or English message", (locale) => {
    const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars);
    const content = seedPolicyContent();
    const lines = broken.map((problem) => policyProblemText(t, problem, content[problem.language ?? "ja"]));
    for (const line of lines) {
      expect(line).not.toMatch(/sections\[|items\[|business\.|must |\[(ja|en)\]/);
      expect(languageProblems(locale, line)).toEqual([]);
    }
    expect(lines).toContain(locale === "ja" ? "日本語 · タイトル：入力してください" : "Japanese · Title: Enter this");
    expect(lines.some((line) => line.includes(locale === "ja" ? "3. 項目 1" : "3. Item 1"))).toBe(true);
    expect(policyProblemWhat(t, { path: "intro", message: "", code: "too_long", max: 5000 })).toBe(locale === "ja" ? "5000文字以内で入力してください" : "Use at most 5000 characters");
  });
});
