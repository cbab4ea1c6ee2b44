// The published policy's statement on foreign countries comes from the processor register
// (issue 7 item 2), on SQLite and PostgreSQL: the version row and the storefront metafield carry
// it, and a change to the register changes the next draft and the next published version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { DEMO_SHOP, OTHER_SHOP, demoFixtureShop } from "../../support/fixtures";
import { createProcessor, deleteProcessor, listProcessors, seedShopifyProcessors } from "../../../app/privacy/records/processors";
import { publishPolicy } from "../../../app/privacy/policy/publishPolicy";
import { latestPolicy } from "../../../app/privacy/policy/publishedPolicy";
import { loadDraft, saveDraft } from "../../../app/privacy/policy/policyDrafts";
import { generatedParagraphs, type PolicyDocument } from "../../../app/privacy/policy/policyDocument";
import { registerChangedSincePublished, registerStatementForShop } from "../../../app/privacy/policy/registerStatement";
import { markSetupStep } from "../../../app/privacy/desk/setupGuide";

const securityOf = (doc: PolicyDocument) => doc.sections.find((section) => section.id === "security")!;
const generatedText = (doc: PolicyDocument) => generatedParagraphs(securityOf(doc)).join("\n");

describe(`policy statement from the processor register on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  const installation = `gid://shopify/AppInstallation/${demoFixtureShop().appInstallationId}`;
  const metafieldValue = () => JSON.parse(standIn.state.metafield(DEMO_SHOP, installation, "privacy_desk", "policy")!.value);

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "policy-register");
    standIn = await startAdminApiStandIn();
  });
  afterAll(async () => {
    await standIn?.close();
    await database?.drop();
  });

  it("states nothing about foreign countries from an empty or unconfirmed register", async () => {
    // Empty: "no data abroad" would be false for any Shopify shop.
    expect(await registerStatementForShop(database.db, DEMO_SHOP)).toEqual({ ja: [], en: [] });
    await seedShopifyProcessors(database.db, DEMO_SHOP, "staff:1");
    // Seeded, not yet confirmed by the merchant: still nothing.
    expect(await registerStatementForShop(database.db, DEMO_SHOP)).toEqual({ ja: [], en: [] });
    const draft = (await loadDraft(database.db, DEMO_SHOP)).content;
    expect(securityOf(draft.ja).generated).toBeUndefined();
    expect(securityOf(draft.ja).paragraphs.join("")).not.toContain("外国において取り扱っておらず");
  });

  it("publishes the register's countries in the security section of the version row and the metafield", async () => {
    await markSetupStep(database.db, DEMO_SHOP, "register");
    const result = await publishPolicy(database.db, standIn.client(DEMO_SHOP), { shop: DEMO_SHOP, changeNote: "初版", publishedBy: "staff:1" });
    expect(result.version).toBe(1);

    const row = await database.db.policyVersion.findFirstOrThrow({ where: { shop: DEMO_SHOP, version: 1 } });
    const stored = JSON.parse(row.content) as Record<"ja" | "en", PolicyDocument>;
    expect(securityOf(stored.ja).generated).toMatchObject({ source: "processor_register" });
    expect(generatedText(stored.ja)).toContain("アイルランド");
    expect(generatedText(stored.ja)).toContain("カナダ");
    expect(generatedText(stored.ja)).toContain("アメリカ合衆国（Shopify International Limited / Shopify Inc.、Shopify Payments (Stripe, Inc.)）");
    expect(generatedText(stored.en)).toContain("Ireland");
    expect(generatedText(stored.en)).toContain("United States");
    // The seeded safeguards are written "日本語 / English": each policy takes its own language.
    expect(generatedText(stored.ja)).toContain("ISO/IEC 27001、PCI DSS レベル1、アクセス制御と暗号化");
    expect(generatedText(stored.ja)).not.toContain("access control");
    expect(generatedText(stored.en)).toContain("ISO/IEC 27001, PCI DSS Level 1, access control and encryption");
    expect(generatedText(stored.en)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    // Staff's own paragraph is still first.
    expect(securityOf(stored.ja).paragraphs[0]).toContain("適切かつ合理的な安全対策");

    const value = metafieldValue();
    expect(value.version).toBe(1);
    expect(value.languages.ja.sections.find((s: { id: string }) => s.id === "security")).toEqual(securityOf(stored.ja));
    expect(value.languages.en.sections.find((s: { id: string }) => s.id === "security")).toEqual(securityOf(stored.en));

    expect(registerChangedSincePublished((await latestPolicy(database.db, DEMO_SHOP))!.content, await registerStatementForShop(database.db, DEMO_SHOP))).toBe(false);
  });

  it("does not let a hand-edited statement through: saving regenerates it from the register", async () => {
    const draft = (await loadDraft(database.db, DEMO_SHOP)).content;
    const security = draft.ja.sections.find((s) => s.id === "security")!;
    security.paragraphs[security.paragraphs.length - 1] = "・どこにも移転していません";
    const saved = await saveDraft(database.db, DEMO_SHOP, "ja", draft.ja);
    expect(generatedText(saved)).toContain("アイルランド");
    expect(generatedText(saved)).not.toContain("どこにも移転していません");
    await expect(publishPolicy(database.db, standIn.client(DEMO_SHOP), { shop: DEMO_SHOP, changeNote: "改訂", publishedBy: "staff:1" })).rejects.toMatchObject({ code: "unchanged" });
  });

  it("changes the draft and, once published, the version and the metafield when the register changes", async () => {
    await createProcessor(
      database.db,
      DEMO_SHOP,
      { name: "Mail Relay GmbH", countries: ["DE"], role: "outsourcing", legalBasis: "委託契約", safeguards: "ISO/IEC 27001", dataKinds: ["メールアドレス / email"] },
      "staff:1",
    );
    const shopify = (await listProcessors(database.db, DEMO_SHOP)).find((p) => p.seedKey === "shopify")!;
    await deleteProcessor(database.db, DEMO_SHOP, shopify.id, "staff:1");

    const published = (await latestPolicy(database.db, DEMO_SHOP))!;
    const statement = await registerStatementForShop(database.db, DEMO_SHOP);
    expect(registerChangedSincePublished(published.content, statement)).toBe(true);
    const draft = (await loadDraft(database.db, DEMO_SHOP)).content;
    expect(generatedText(draft.ja)).toContain("ドイツ（Mail Relay GmbH）");
    expect(generatedText(draft.ja)).not.toContain("アイルランド");

    const result = await publishPolicy(database.db, standIn.client(DEMO_SHOP), { shop: DEMO_SHOP, changeNote: "委託先の変更", publishedBy: "staff:1" });
    expect(result.version).toBe(2);
    const latest = (await latestPolicy(database.db, DEMO_SHOP))!;
    expect(generatedText(latest.content.ja)).toContain("ドイツ（Mail Relay GmbH）");
    expect(generatedText(latest.content.en)).toContain("Germany (Mail Relay GmbH)");
    expect(generatedText(latest.content.ja)).not.toContain("アイルランド");
    const value = metafieldValue();
    expect(value.version).toBe(2);
    const metafieldSecurity = value.languages.en.sections.find((s: { id: string }) => s.id === "security");
    expect(generatedText({ ...value.languages.en, sections: [metafieldSecurity] })).toContain("Germany (Mail Relay GmbH)");
    expect(registerChangedSincePublished(latest.content, await registerStatementForShop(database.db, DEMO_SHOP))).toBe(false);
  });

  it("reads only the shop's own register", async () => {
    // The other shop confirmed a register that holds only a processor in Japan.
    await createProcessor(database.db, OTHER_SHOP, { name: "国内倉庫株式会社", countries: ["JP"], role: "outsourcing", legalBasis: "委託契約", safeguards: "", dataKinds: [] }, "staff:2");
    await markSetupStep(database.db, OTHER_SHOP, "register");
    const other = await registerStatementForShop(database.db, OTHER_SHOP);
    expect(other.en.join("\n")).toContain("We do not handle personal data in");
    expect(other.ja.join("\n")).not.toContain("ドイツ");
  });
});
