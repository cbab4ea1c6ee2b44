// A policy editor problem as staff read it, in their language: which field ("第3条 項目2", "Title")
// and what is wrong, never the document's internal path ("sections[2].items[1].text") or the
// domain's English message.
import type { MessageKey } from "../../i18n";
import type { PolicyDocument, PolicyProblem } from "../../privacy/policy/policyDocument";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const BUSINESS_LABELS: Record<string, MessageKey> = {
  name: "policy.editor.businessName",
  address: "policy.editor.businessAddress",
  representative: "policy.editor.representative",
  email: "policy.editor.email",
  phone: "policy.editor.phone",
};

/** What is wrong with a field, for the line under it. */
export function policyProblemWhat(t: Translate, problem: PolicyProblem): string {
  switch (problem.code) {
    case "empty":
      return t("policy.problem.empty");
    case "too_long":
      return t("policy.problem.tooLong", { max: problem.max ?? 0 });
    case "email":
      return t("policy.problem.email");
    case "phone":
      return t("policy.problem.phone");
    case "no_purpose":
      return t("policy.problem.noPurpose");
    default:
      return t("policy.problem.structure");
  }
}

/** Which field the problem is in, named as the editor labels it. */
export function policyProblemWhere(t: Translate, problem: PolicyProblem, doc?: PolicyDocument): string {
  const language = problem.language ? `${t(`policy.editor.tab.${problem.language}`)} · ` : "";
  const path = problem.path;
  if (path === "title") return language + t("policy.editor.titleField");
  if (path === "intro") return language + t("policy.editor.intro");
  const business = /^business\.(\w+)$/.exec(path);
  if (business && BUSINESS_LABELS[business[1]]) return language + t(BUSINESS_LABELS[business[1]]);
  if (path === "sections.purposes") {
    const index = doc?.sections.findIndex((section) => section.id === "purposes") ?? -1;
    return language + (index >= 0 ? t("policy.editor.sectionNumber", { number: index + 1 }) : t("policy.problem.document"));
  }
  const section = /^sections\[(\d+)\](?:\.(heading|paragraphs|items)(?:\[(\d+)\])?)?/.exec(path);
  if (section) {
    const number = t("policy.editor.sectionNumber", { number: Number(section[1]) + 1 });
    if (section[2] === "heading") return `${language}${number} ${t("policy.editor.heading")}`;
    if (section[2] === "paragraphs") return `${language}${number} ${t("policy.editor.paragraphs")}`;
    if (section[2] === "items" && section[3] !== undefined) return `${language}${number} ${t("policy.editor.itemLabel", { number: Number(section[3]) + 1 })}`;
    return language + number;
  }
  return language + t("policy.problem.document");
}

export function policyProblemText(t: Translate, problem: PolicyProblem, doc?: PolicyDocument): string {
  return t("policy.problem.line", { where: policyProblemWhere(t, problem, doc), what: policyProblemWhat(t, problem) });
}
