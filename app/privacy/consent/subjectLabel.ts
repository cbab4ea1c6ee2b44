// A ledger subject as staff read it, on the consent pages and in the CSV export. Outside the app a
// subject is named by its customer id, or (for people known by email only and anonymous visitors)
// by the id of its first ledger row: the keyed hash in the subject key never leaves the app. No
// server-only imports: the admin pages render these labels in the browser too.
import { translate, type Locale } from "../../i18n";

export const SUBJECT_TYPES = ["customer", "email", "visitor"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const isSubjectType = (value: unknown): value is SubjectType =>
  typeof value === "string" && (SUBJECT_TYPES as readonly string[]).includes(value);

/** A subject as it may be shown: its type and its reference (customer id or first row's id). */
export interface SubjectView {
  type: SubjectType;
  ref: string;
}

export function subjectTypeOf(subjectKey: string): SubjectType {
  const prefix = subjectKey.slice(0, Math.max(0, subjectKey.indexOf(":")));
  return prefix === "customer" ? "customer" : prefix === "visitor" ? "visitor" : "email";
}

/** What links and the CSV carry: `customer:<id>`, or the first row's id. */
export const subjectParam = (subject: SubjectView) => (subject.type === "customer" ? `customer:${subject.ref}` : subject.ref);

// Enough of a row id to tell subjects apart on a page; the whole id is in links and the CSV.
const SHORT_REF = 8;

export function subjectLabel(locale: Locale, subject: SubjectView): string {
  if (subject.type === "customer") return translate(locale, "consent.subject.customer", { id: subject.ref });
  const ref = subject.ref.slice(-SHORT_REF);
  return translate(locale, subject.type === "visitor" ? "consent.subject.visitor" : "consent.subject.email", { ref });
}
