// A ledger subject as staff read it, on the consent pages and in the CSV export: the customer id,
// or what kind of subject it is with the first characters of its hash. No server-only imports:
// the admin pages render these labels in the browser too.
import { translate, type Locale } from "../../i18n";

export const SUBJECT_TYPES = ["customer", "email", "visitor"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const isSubjectType = (value: unknown): value is SubjectType =>
  typeof value === "string" && (SUBJECT_TYPES as readonly string[]).includes(value);

/**
 * A subject key as staff read it: the customer id, or the first characters of the hash, enough
 * to tell subjects apart on a page (the full key stays in links and the CSV).
 */
export function subjectParts(subjectKey: string): { type: SubjectType; value: string } {
  const separator = subjectKey.indexOf(":");
  const prefix = separator < 0 ? "" : subjectKey.slice(0, separator);
  const value = separator < 0 ? subjectKey : subjectKey.slice(separator + 1);
  if (prefix === "customer") return { type: "customer", value };
  return { type: prefix === "visitor" ? "visitor" : "email", value: value.slice(0, 10) };
}

export function subjectLabel(locale: Locale, subjectKey: string): string {
  const subject = subjectParts(subjectKey);
  if (subject.type === "customer") return translate(locale, "consent.subject.customer", { id: subject.value });
  return translate(locale, subject.type === "visitor" ? "consent.subject.visitor" : "consent.subject.email", { hash: subject.value });
}
