// The privacy policy as structured data: what the storefront block renders from the app-data
// metafield and what the editor edits. Purposes of use are items with stable ids so a version can
// be compared with the previous one and consents can say which purposes they covered.
export const POLICY_LANGUAGES = ["ja", "en"] as const;
export type PolicyLanguage = (typeof POLICY_LANGUAGES)[number];

export interface PolicyItem {
  id: string;
  text: string;
}

export interface PolicySection {
  id: string;
  heading: string;
  paragraphs: string[];
  items: PolicyItem[];
}

export interface PolicyBusiness {
  name: string;
  address: string;
  representative: string;
  email: string;
  phone: string;
}

export interface PolicyDocument {
  title: string;
  intro: string;
  sections: PolicySection[];
  business: PolicyBusiness;
}

export type PolicyContent = Record<PolicyLanguage, PolicyDocument>;

/** Sections every published policy has (APPI 32 asks for purposes, requests, security and contact). */
export const REQUIRED_SECTION_IDS = [
  "acquisition",
  "purposes",
  "third_party",
  "requests",
  "gift_recipients",
  "outsourcing",
  "security",
  "cookies",
  "access_logs",
  "law",
  "changes",
  "contact",
] as const;

export const PURPOSES_SECTION_ID = "purposes";
export const PURPOSE_ITEM_PREFIX = "purpose_";

const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const LIMITS = { title: 200, intro: 5000, heading: 200, paragraph: 5000, item: 2000, sections: 40, items: 60, business: 300 };

export interface PolicyProblem {
  language?: PolicyLanguage;
  path: string;
  message: string;
}

export class PolicyValidationError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map((problem) => `${problem.language ? problem.language + ": " : ""}${problem.path}: ${problem.message}`).join("; "));
    this.name = "PolicyValidationError";
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function text(value: unknown, path: string, max: number, problems: PolicyProblem[], required: boolean): string {
  if (typeof value !== "string") {
    problems.push({ path, message: "must be text" });
    return "";
  }
  const trimmed = value.trim();
  if (required && !trimmed) problems.push({ path, message: "must not be empty" });
  if (trimmed.length > max) problems.push({ path, message: `must be at most ${max} characters` });
  return trimmed;
}

/** Checks an untrusted value (editor form, stored JSON) and returns a clean document, or lists every problem. */
export function parsePolicyDocument(value: unknown, language?: PolicyLanguage): PolicyDocument {
  const problems: PolicyProblem[] = [];
  if (!isRecord(value)) throw new PolicyValidationError([{ language, path: "", message: "must be an object" }]);
  const title = text(value.title, "title", LIMITS.title, problems, true);
  const intro = text(value.intro ?? "", "intro", LIMITS.intro, problems, false);
  const sections: PolicySection[] = [];
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  if (!Array.isArray(value.sections)) problems.push({ path: "sections", message: "must be a list" });
  else if (value.sections.length > LIMITS.sections) problems.push({ path: "sections", message: `at most ${LIMITS.sections} sections` });
  for (const [index, raw] of (Array.isArray(value.sections) ? value.sections : []).entries()) {
    const path = `sections[${index}]`;
    if (!isRecord(raw)) {
      problems.push({ path, message: "must be an object" });
      continue;
    }
    const id = typeof raw.id === "string" ? raw.id : "";
    if (!ID_PATTERN.test(id)) problems.push({ path: `${path}.id`, message: "must be lower-case letters, digits and _" });
    else if (sectionIds.has(id)) problems.push({ path: `${path}.id`, message: `duplicate section id ${id}` });
    sectionIds.add(id);
    const heading = text(raw.heading, `${path}.heading`, LIMITS.heading, problems, true);
    const paragraphs: string[] = [];
    if (!Array.isArray(raw.paragraphs)) problems.push({ path: `${path}.paragraphs`, message: "must be a list" });
    for (const [p, paragraph] of (Array.isArray(raw.paragraphs) ? raw.paragraphs : []).entries()) {
      const clean = text(paragraph, `${path}.paragraphs[${p}]`, LIMITS.paragraph, problems, false);
      if (clean) paragraphs.push(clean);
    }
    const items: PolicyItem[] = [];
    if (!Array.isArray(raw.items)) problems.push({ path: `${path}.items`, message: "must be a list" });
    else if (raw.items.length > LIMITS.items) problems.push({ path: `${path}.items`, message: `at most ${LIMITS.items} items` });
    for (const [i, item] of (Array.isArray(raw.items) ? raw.items : []).entries()) {
      const itemPath = `${path}.items[${i}]`;
      if (!isRecord(item)) {
        problems.push({ path: itemPath, message: "must be an object" });
        continue;
      }
      const itemId = typeof item.id === "string" ? item.id : "";
      if (!ID_PATTERN.test(itemId)) problems.push({ path: `${itemPath}.id`, message: "must be lower-case letters, digits and _" });
      else if (itemIds.has(itemId)) problems.push({ path: `${itemPath}.id`, message: `duplicate item id ${itemId}` });
      itemIds.add(itemId);
      items.push({ id: itemId, text: text(item.text, `${itemPath}.text`, LIMITS.item, problems, true) });
    }
    sections.push({ id, heading, paragraphs, items });
  }
  for (const required of REQUIRED_SECTION_IDS) {
    if (!sectionIds.has(required)) problems.push({ path: "sections", message: `section ${required} is missing` });
  }
  const purposes = sections.find((section) => section.id === PURPOSES_SECTION_ID);
  if (purposes && !purposes.items.some((item) => item.id.startsWith(PURPOSE_ITEM_PREFIX))) {
    problems.push({ path: "sections.purposes", message: `needs at least one purpose (item id ${PURPOSE_ITEM_PREFIX}NN)` });
  }
  const businessRaw = isRecord(value.business) ? value.business : {};
  if (!isRecord(value.business)) problems.push({ path: "business", message: "must be an object" });
  const business: PolicyBusiness = {
    name: text(businessRaw.name ?? "", "business.name", LIMITS.business, problems, true),
    address: text(businessRaw.address ?? "", "business.address", LIMITS.business, problems, false),
    representative: text(businessRaw.representative ?? "", "business.representative", LIMITS.business, problems, false),
    email: text(businessRaw.email ?? "", "business.email", LIMITS.business, problems, false),
    phone: text(businessRaw.phone ?? "", "business.phone", LIMITS.business, problems, false),
  };
  if (business.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(business.email)) problems.push({ path: "business.email", message: "is not an email address" });
  if (business.phone && !/^[0-9+()\- ]{6,30}$/.test(business.phone)) problems.push({ path: "business.phone", message: "is not a phone number" });
  if (problems.length) throw new PolicyValidationError(problems.map((problem) => ({ ...problem, language })));
  return { title, intro, sections, business };
}

/** Both languages must describe the same policy: the same sections and the same item ids. */
export function parsePolicyContent(value: unknown): PolicyContent {
  if (!isRecord(value)) throw new PolicyValidationError([{ path: "", message: "must be an object" }]);
  const problems: PolicyProblem[] = [];
  const parsed: Partial<PolicyContent> = {};
  for (const language of POLICY_LANGUAGES) {
    try {
      parsed[language] = parsePolicyDocument(value[language], language);
    } catch (error) {
      if (error instanceof PolicyValidationError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (parsed.ja && parsed.en) {
    const shape = (doc: PolicyDocument) => doc.sections.map((section) => `${section.id}:${section.items.map((item) => item.id).join(",")}`).join("|");
    if (shape(parsed.ja) !== shape(parsed.en)) {
      problems.push({ language: "en", path: "sections", message: "must have the same sections and item ids as the Japanese version" });
    }
  }
  if (problems.length) throw new PolicyValidationError(problems);
  return parsed as PolicyContent;
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function purposesOf(doc: PolicyDocument): PolicyItem[] {
  const section = doc.sections.find((candidate) => candidate.id === PURPOSES_SECTION_ID);
  return (section?.items ?? []).filter((item) => item.id.startsWith(PURPOSE_ITEM_PREFIX));
}

/**
 * Whether the purposes of use differ between two versions (APPI 21(3): a changed purpose must be
 * announced). Any language counts: the shopper reads whichever they read.
 */
export function purposesChanged(previous: PolicyContent | null, next: PolicyContent): boolean {
  if (!previous) return false;
  const key = (doc: PolicyDocument) => canonicalJson(purposesOf(doc).map((item) => [item.id, item.text.replace(/\s+/g, " ")]));
  return POLICY_LANGUAGES.some((language) => key(previous[language]) !== key(next[language]));
}
