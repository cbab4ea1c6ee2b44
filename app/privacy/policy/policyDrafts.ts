// The policy being edited: one draft per language. Without a draft the editor starts from the
// latest published version, and without one from the seed policy.
import type { Db } from "../../db.factory";
import { parsePolicyDocument, POLICY_LANGUAGES, type PolicyContent, type PolicyDocument, type PolicyLanguage } from "./policyDocument";
import { latestPolicy } from "./publishedPolicy";
import { seedPolicyContent } from "./seedPolicy";
import { applyRegisterStatement, documentWithStatement, registerStatementForShop } from "./registerStatement";

/** The draft always carries the statement generated from the register as it is now, whatever was saved. */
export async function loadDraft(db: Db, shop: string): Promise<{ content: PolicyContent; savedAt: Date | null }> {
  const [drafts, published, statement] = await Promise.all([
    db.policyDraft.findMany({ where: { shop } }),
    latestPolicy(db, shop),
    registerStatementForShop(db, shop),
  ]);
  const base = published?.content ?? seedPolicyContent();
  const content = { ...base };
  let savedAt: Date | null = null;
  for (const draft of drafts) {
    if (!(POLICY_LANGUAGES as readonly string[]).includes(draft.language)) continue;
    try {
      content[draft.language as PolicyLanguage] = parsePolicyDocument(JSON.parse(draft.content), draft.language as PolicyLanguage);
      if (!savedAt || draft.updatedAt > savedAt) savedAt = draft.updatedAt;
    } catch {
      // A draft that no longer validates (rules tightened) is ignored rather than breaking the editor.
    }
  }
  return { content: applyRegisterStatement(content, statement), savedAt };
}

/** Validates and stores one language's draft; invalid input throws PolicyValidationError and stores nothing. */
export async function saveDraft(db: Db, shop: string, language: PolicyLanguage, value: unknown): Promise<PolicyDocument> {
  if (!(POLICY_LANGUAGES as readonly string[]).includes(language)) throw new Error(`unknown policy language ${String(language)}`);
  const statement = await registerStatementForShop(db, shop);
  const doc = parsePolicyDocument(documentWithStatement(parsePolicyDocument(value, language), statement[language]), language);
  const content = JSON.stringify(doc);
  await db.policyDraft.upsert({
    where: { shop_language: { shop, language } },
    create: { shop, language, content },
    update: { content },
  });
  return doc;
}

/** Drops the drafts so the editor shows the published version again. */
export async function discardDrafts(db: Db, shop: string): Promise<void> {
  await db.policyDraft.deleteMany({ where: { shop } });
}
