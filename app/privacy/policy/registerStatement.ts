// The policy's statement on foreign countries and the safeguards abroad is not written by staff:
// it is generated from the processor register (APPI 28 and 32), so what shoppers read names every
// country the register names. It sits at the end of the security section, marked as generated.
import type { Db, Prisma } from "../../db.factory";
import { foreignTransferStatement, listProcessors } from "../records/processors";
import {
  generatedParagraphs,
  POLICY_LANGUAGES,
  writtenParagraphs,
  type PolicyContent,
  type PolicyDocument,
  type PolicyLanguage,
} from "./policyDocument";

export const REGISTER_SECTION_ID = "security";

export type RegisterStatement = Record<PolicyLanguage, string[]>;

function paragraphsOf(statement: string): string[] {
  return statement
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** Whether the merchant confirmed the register (the setup guide's step), which the statement needs. */
async function registerConfirmed(db: Db | Prisma.TransactionClient, shop: string): Promise<boolean> {
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { setupSteps: true } });
  try {
    const steps = JSON.parse(settings?.setupSteps ?? "{}") as Record<string, unknown>;
    return typeof steps?.register === "string";
  } catch {
    return false;
  }
}

const NO_STATEMENT: RegisterStatement = { ja: [], en: [] };

/**
 * The generated paragraphs for a shop's current register, in every policy language. None while the
 * register is empty or the merchant has not confirmed it: an empty register would have the policy
 * say no data is held abroad, which is false for any Shopify shop (Shopify itself holds it abroad).
 */
export async function registerStatementForShop(db: Db | Prisma.TransactionClient, shop: string): Promise<RegisterStatement> {
  const processors = await listProcessors(db, shop);
  if (processors.length === 0 || !(await registerConfirmed(db, shop))) return NO_STATEMENT;
  return Object.fromEntries(
    POLICY_LANGUAGES.map((language) => [language, paragraphsOf(foreignTransferStatement(processors, language))]),
  ) as RegisterStatement;
}

/** One language's document with the statement's paragraphs in place of the generated ones it had. */
export function documentWithStatement(doc: PolicyDocument, paragraphs: string[]): PolicyDocument {
  return {
    ...doc,
    sections: doc.sections.map((section) => {
      if (section.id !== REGISTER_SECTION_ID) return section;
      if (!paragraphs.length) return { id: section.id, heading: section.heading, paragraphs: writtenParagraphs(section), items: section.items };
      return {
        ...section,
        paragraphs: [...writtenParagraphs(section), ...paragraphs],
        generated: { source: "processor_register", paragraphs: paragraphs.length },
      };
    }),
  };
}

/** Replaces whatever generated paragraphs the content carries with the given statement; staff's paragraphs stay. */
export function applyRegisterStatement(content: PolicyContent, statement: RegisterStatement): PolicyContent {
  return Object.fromEntries(POLICY_LANGUAGES.map((language) => [language, documentWithStatement(content[language], statement[language])])) as PolicyContent;
}

export async function withRegisterStatement(db: Db | Prisma.TransactionClient, shop: string, content: PolicyContent): Promise<PolicyContent> {
  return applyRegisterStatement(content, await registerStatementForShop(db, shop));
}

/**
 * Whether the published policy says something other than the register does now (a processor or a
 * country was added, changed or removed since): publishing again brings the policy up to date.
 */
export function registerChangedSincePublished(published: PolicyContent | null, statement: RegisterStatement): boolean {
  if (!published) return false;
  return POLICY_LANGUAGES.some((language) => {
    const section = published[language].sections.find((candidate) => candidate.id === REGISTER_SECTION_ID);
    if (!section) return false;
    return JSON.stringify(generatedParagraphs(section)) !== JSON.stringify(statement[language]);
  });
}
