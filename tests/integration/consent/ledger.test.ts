// The consent ledger and policy publishing against a real database (SQLite and PostgreSQL) and the
// Admin API stand-in: append-only rows, state under shuffled delivery, publishing to the metafield,
// renewal after a purpose change, and erasure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { DEMO_SHOP, OTHER_SHOP, demoFixtureShop } from "../../support/fixtures";
import { recordConsent, ConsentInputError } from "../../../app/privacy/consent/ledger";
import { countNeedingRenewal, subjectHistory } from "../../../app/privacy/consent/consentQueries";
import { consentCsv } from "../../../app/privacy/consent/consentCsv";
import { recordStopUse } from "../../../app/privacy/consent/stopUse";
import { handleShopifyConsentEvent } from "../../../app/privacy/consent/shopifyConsentEvents";
import { emailSubjectHash } from "../../../app/privacy/keyedHash";
import { eraseCustomer, eraseShop } from "../../../app/privacy/erasure";
import { publishPolicy, PublishError, storefrontPolicyValue } from "../../../app/privacy/policy/publishPolicy";
import { latestPolicyVersion, latestPolicy, listPolicyVersions } from "../../../app/privacy/policy/publishedPolicy";
import { loadDraft, saveDraft } from "../../../app/privacy/policy/policyDrafts";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";
import { applyRegisterStatement, registerStatementForShop } from "../../../app/privacy/policy/registerStatement";
import { canonicalJson } from "../../../app/privacy/policy/policyDocument";
import { policyContentHash } from "../../../app/privacy/policy/policyHash";

const EMAIL = "Hanako.Yamada@Example.jp";

async function allLedgerText(database: TestDatabase): Promise<string> {
  return JSON.stringify(await database.db.consentRecord.findMany());
}

describe(`consent ledger on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  const installation = `gid://shopify/AppInstallation/${demoFixtureShop().appInstallationId}`;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "consent");
    standIn = await startAdminApiStandIn();
  });
  afterAll(async () => {
    await standIn?.close();
    await database?.drop();
  });

  it("appends a choice keyed by customer id, and by a keyed hash when only the email is known", async () => {
    const byId = await recordConsent(database.db, {
      shop: DEMO_SHOP,
      shopifyCustomerId: "gid://shopify/Customer/1002",
      kind: "email_marketing",
      granted: true,
      source: "storefront_form",
      choiceAt: new Date("2026-03-01T00:00:00Z"),
      policyVersion: 1,
      evidence: "form wording v1 ja",
    });
    expect(byId).toMatchObject({ subjectKey: "customer:1002", shopifyCustomerId: "1002", granted: true });
    const byEmail = await recordConsent(database.db, {
      shop: DEMO_SHOP,
      email: EMAIL,
      kind: "policy",
      granted: true,
      source: "consent_banner",
      choiceAt: new Date("2026-03-01T00:00:00Z"),
    });
    expect(byEmail.subjectKey).toBe(`email:${emailSubjectHash(DEMO_SHOP, EMAIL.toLowerCase())}`);
    expect(byEmail.recordedAt).toBeInstanceOf(Date);
    const stored = (await allLedgerText(database)).toLowerCase();
    expect(stored).not.toContain("hanako");
    expect(stored).not.toContain("example.jp");
  });

  it("refuses bad input and writes nothing", async () => {
    const before = await database.db.consentRecord.count();
    const base = { shop: DEMO_SHOP, shopifyCustomerId: "1", kind: "policy", granted: true, source: "staff", choiceAt: new Date() };
    const bad = [
      { ...base, kind: "newsletter" },
      { ...base, source: "carrier_pigeon" },
      { ...base, shopifyCustomerId: "abc" },
      { ...base, shopifyCustomerId: undefined },
      { ...base, choiceAt: new Date("nonsense") },
      { ...base, choiceAt: new Date(Date.now() + 7 * 86_400_000) },
      { ...base, policyVersion: 0 },
      { ...base, evidence: "x".repeat(501) },
      { ...base, shopifyCustomerId: undefined, email: "not-an-email" },
    ];
    for (const entry of bad) await expect(recordConsent(database.db, entry)).rejects.toBeInstanceOf(ConsentInputError);
    expect(await database.db.consentRecord.count()).toBe(before);
  });

  it("derives the same current state from the database whatever order the rows were delivered in", async () => {
    const choices = Array.from({ length: 8 }, (_, i) => ({
      kind: i % 2 ? "email_marketing" : "analytics",
      granted: i % 3 !== 0,
      // Two pairs share an instant, so ties are exercised too.
      choiceAt: new Date(Date.UTC(2026, 3, 1, 0, Math.floor(i / 2) * 2 + (i % 2))),
      source: (["storefront_form", "consent_banner", "shopify_webhook", "staff"] as const)[i % 4],
      evidence: `wording ${i}`,
    }));
    const orders = [choices, [...choices].reverse(), [3, 7, 0, 5, 1, 6, 2, 4].map((i) => choices[i]), [6, 1, 4, 3, 0, 7, 5, 2].map((i) => choices[i])];
    const states: string[] = [];
    for (const [n, order] of orders.entries()) {
      const shop = `order-${n}.myshopify.com`;
      for (const choice of order) await recordConsent(database.db, { shop, shopifyCustomerId: "77", ...choice });
      const { current } = await subjectHistory(database.db, shop, "customer:77");
      states.push(JSON.stringify(current.map((entry) => [entry.kind, entry.granted, entry.choiceAt, entry.record.evidence])));
    }
    expect(new Set(states).size).toBe(1);
    // The latest choice by time: analytics at 00:06 (i=6, granted false? i%3==0 → withdrawn), email at 00:07 (i=7 granted).
    expect(JSON.parse(states[0])).toEqual([
      ["email_marketing", true, "2026-04-01T00:07:00.000Z", "wording 7"],
      ["analytics", false, "2026-04-01T00:06:00.000Z", "wording 6"],
    ]);
  });

  it("records Shopify's consent webhooks and stop-use requests as new rows", async () => {
    const receivedAt = new Date("2026-04-02T00:00:00Z");
    await database.db.$transaction(async (tx) => {
      await handleShopifyConsentEvent(tx, {
        shop: DEMO_SHOP,
        topic: "customers_email_marketing_consent/update",
        receivedAt,
        payload: { customer_id: 1002, email_address: "x@example.jp", email_marketing_consent: { state: "unsubscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-04-01T12:00:00Z" } },
      });
    });
    await recordStopUse(database.db, { shop: DEMO_SHOP, shopifyCustomerId: "1002", requestReference: "PD-2026-00001", choiceAt: receivedAt });
    const { records, current } = await subjectHistory(database.db, DEMO_SHOP, "customer:1002");
    expect(records).toHaveLength(1 + 1 + 6);
    expect(current.every((entry) => !entry.granted)).toBe(true);
    // The first grant is still there: history is kept, only the derived state changed.
    expect(records.some((record) => record.granted && record.kind === "email_marketing")).toBe(true);
    expect(records.filter((record) => record.source === "stop_use_request").map((record) => record.evidence)).toContain("stop-use request PD-2026-00001");
  });

  it("exports CSV without emails", async () => {
    let csv = "";
    for await (const chunk of consentCsv(database.db, DEMO_SHOP, {}, "ja", { form: "codes" })) csv += chunk;
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("recorded_at,choice_at,subject");
    expect(lines.length - 1).toBe(await database.db.consentRecord.count({ where: { shop: DEMO_SHOP } }));
    expect(csv.toLowerCase()).not.toContain("example.jp");
  });

  it("exports readable CSV by default: labelled headers, kinds, choices and evidence, times on the shop's clock", async () => {
    let ja = "";
    for await (const chunk of consentCsv(database.db, DEMO_SHOP, {}, "ja")) ja += chunk;
    expect(ja.split("\r\n")[0]).toBe("\uFEFF記録日時（日本標準時）,選択日時（日本標準時）,対象者の種類,対象者,Shopify の顧客 ID,種類,同意・撤回,ポリシー版,経路,根拠");
    expect(ja).toContain("利用停止のご請求 PD-2026-00001");
    expect(ja).toMatch(/,\d{4}\/\d{2}\/\d{2} \d{2}:\d{2},/);
    expect(ja).not.toMatch(/\d{4}-\d{2}-\d{2}T|email_marketing|stop_use_request|,true,|,false,/);
    let en = "";
    for await (const chunk of consentCsv(database.db, DEMO_SHOP, {}, "en")) en += chunk;
    expect(en.split("\r\n")[0]).toContain("Recorded (Japan Standard Time),Chosen (Japan Standard Time)");
    expect(en).toContain("Stop-use request PD-2026-00001");
    expect(en).toContain("Email marketing");
  });

  it("publishes the drafts as version 1 and writes the storefront metafield through the Admin API", async () => {
    expect(await latestPolicyVersion(database.db, DEMO_SHOP)).toBeNull();
    const draft = (await loadDraft(database.db, DEMO_SHOP)).content;
    // The seed policy, with the security section's statement generated from the (empty) register.
    expect(draft).toEqual(applyRegisterStatement(seedPolicyContent(), await registerStatementForShop(database.db, DEMO_SHOP)));
    draft.ja.business.representative = "代表 太郎";
    await saveDraft(database.db, DEMO_SHOP, "ja", draft.ja);
    const callsBefore = standIn.calls.length;
    const result = await publishPolicy(database.db, standIn.client(DEMO_SHOP), {
      shop: DEMO_SHOP,
      changeNote: "初版",
      publishedBy: "staff:7001",
      now: new Date("2026-04-03T00:00:00Z"),
    });
    expect(result).toMatchObject({ version: 1, purposesChanged: false });
    expect(result.contentHash).toBe(policyContentHash(draft));

    const metafield = standIn.state.metafield(DEMO_SHOP, installation, "privacy_desk", "policy");
    expect(metafield?.type).toBe("json");
    const value = JSON.parse(metafield!.value);
    expect(value).toEqual(JSON.parse(JSON.stringify(storefrontPolicyValue(1, new Date("2026-04-03T00:00:00Z"), draft, "Asia/Tokyo"))));
    expect(value.publishedDate).toEqual({ ja: "2026年4月3日", en: "April 3, 2026" });
    expect(value.languages.ja.sections.find((s: { id: string }) => s.id === "purposes").items[0].id).toBe("purpose_01");
    expect(standIn.calls.slice(callsBefore).some((call) => call.query.includes("metafieldsSet"))).toBe(true);

    const latest = await latestPolicy(database.db, DEMO_SHOP);
    expect(latest).toMatchObject({ version: 1, changeNote: "初版", publishedBy: "staff:7001", purposesChanged: false });
    expect(canonicalJson(latest!.content)).toBe(canonicalJson(draft));
    // Publishing consumed the drafts: the editor now starts from version 1.
    expect(await database.db.policyDraft.count({ where: { shop: DEMO_SHOP } })).toBe(0);
  });

  it("refuses to publish nothing new, or without a change note", async () => {
    const api = standIn.client(DEMO_SHOP);
    await expect(publishPolicy(database.db, api, { shop: DEMO_SHOP, changeNote: "again", publishedBy: "x" })).rejects.toMatchObject({ code: "unchanged" });
    await expect(publishPolicy(database.db, api, { shop: DEMO_SHOP, changeNote: "  ", publishedBy: "x" })).rejects.toBeInstanceOf(PublishError);
    expect((await listPolicyVersions(database.db, DEMO_SHOP)).length).toBe(1);
  });

  it("publishes nothing when the store cannot be written", async () => {
    const content = seedPolicyContent();
    content.ja.intro += "（改訂）";
    await expect(
      publishPolicy(database.db, standIn.client(DEMO_SHOP, "shpat_wrong"), { shop: DEMO_SHOP, changeNote: "改訂", publishedBy: "x", content }),
    ).rejects.toThrow();
    expect((await listPolicyVersions(database.db, DEMO_SHOP)).map((v) => v.version)).toEqual([1]);
  });

  it("flags a purpose change and marks consents under older versions as needing renewal", async () => {
    for (const id of ["2001", "2002"]) {
      await recordConsent(database.db, { shop: DEMO_SHOP, shopifyCustomerId: id, kind: "policy", granted: true, policyVersion: 1, source: "storefront_form", choiceAt: new Date("2026-04-04T00:00:00Z") });
    }
    expect(await countNeedingRenewal(database.db, DEMO_SHOP)).toEqual({ people: 0, visitors: 0, purposesVersion: null });

    const content = (await latestPolicy(database.db, DEMO_SHOP))!.content;
    content.ja.sections.find((s) => s.id === "purposes")!.items.push({ id: "purpose_15", text: "新商品の共同開発に関するご案内のため" });
    content.en.sections.find((s) => s.id === "purposes")!.items.push({ id: "purpose_15", text: "To tell you about jointly developed products" });
    const result = await publishPolicy(database.db, standIn.client(DEMO_SHOP), { shop: DEMO_SHOP, changeNote: "利用目的を追加", publishedBy: "x", content });
    expect(result).toMatchObject({ version: 2, purposesChanged: true });
    expect(JSON.parse(standIn.state.metafield(DEMO_SHOP, installation, "privacy_desk", "policy")!.value).version).toBe(2);

    // The two customers, and the shopper who accepted the policy by email before versions were recorded.
    expect(await countNeedingRenewal(database.db, DEMO_SHOP)).toEqual({ people: 3, visitors: 0, purposesVersion: 2 });
    const before = await subjectHistory(database.db, DEMO_SHOP, "customer:2001");
    expect(before.current.find((entry) => entry.kind === "policy")?.needsRenewal).toBe(true);

    // Accepting version 2 renews; the old row is untouched.
    await recordConsent(database.db, { shop: DEMO_SHOP, shopifyCustomerId: "2001", kind: "policy", granted: true, policyVersion: 2, source: "storefront_form", choiceAt: new Date("2026-04-05T00:00:00Z") });
    expect(await countNeedingRenewal(database.db, DEMO_SHOP)).toEqual({ people: 2, visitors: 0, purposesVersion: 2 });
    const after = await subjectHistory(database.db, DEMO_SHOP, "customer:2001");
    expect(after.records.map((r) => r.policyVersion).sort()).toEqual([1, 2]);

    // A later version that leaves the purposes alone does not clear the duty to renew.
    content.ja.intro += "（表記修正）";
    const v3 = await publishPolicy(database.db, standIn.client(DEMO_SHOP), { shop: DEMO_SHOP, changeNote: "表記修正", publishedBy: "x", content });
    expect(v3).toMatchObject({ version: 3, purposesChanged: false });
    expect(await countNeedingRenewal(database.db, DEMO_SHOP)).toEqual({ people: 2, visitors: 0, purposesVersion: 2 });
  });

  it("keeps shops apart", async () => {
    expect(await latestPolicyVersion(database.db, OTHER_SHOP)).toBeNull();
    expect((await subjectHistory(database.db, OTHER_SHOP, "customer:1002")).records).toEqual([]);
  });

  it("erasure of a customer leaves no ledger row, email or customer id behind; other people stay", async () => {
    await recordConsent(database.db, { shop: DEMO_SHOP, email: EMAIL, kind: "email_marketing", granted: true, source: "storefront_form", choiceAt: new Date("2026-04-06T00:00:00Z") });
    await recordConsent(database.db, { shop: DEMO_SHOP, shopifyCustomerId: "3003", kind: "policy", granted: true, source: "storefront_form", choiceAt: new Date("2026-04-06T00:00:00Z") });
    await database.db.$transaction((tx) => eraseCustomer(tx, DEMO_SHOP, { customerId: 1002, email: EMAIL }));
    const emailKey = `email:${emailSubjectHash(DEMO_SHOP, EMAIL)}`;
    expect(await database.db.consentRecord.count({ where: { shop: DEMO_SHOP, subjectKey: { in: ["customer:1002", emailKey] } } })).toBe(0);
    const text = await allLedgerText(database);
    expect(text).not.toContain("1002");
    expect(text).not.toContain(emailSubjectHash(DEMO_SHOP, EMAIL));
    expect(await database.db.consentRecord.count({ where: { shop: DEMO_SHOP, subjectKey: "customer:3003" } })).toBe(1);
  });

  it("erasure of the shop removes its ledger and policy versions", async () => {
    await database.db.$transaction((tx) => eraseShop(tx, DEMO_SHOP));
    expect(await database.db.consentRecord.count({ where: { shop: DEMO_SHOP } })).toBe(0);
    expect(await database.db.policyVersion.count({ where: { shop: DEMO_SHOP } })).toBe(0);
    expect(await database.db.policyDraft.count({ where: { shop: DEMO_SHOP } })).toBe(0);
    expect(await database.db.consentRecord.count({ where: { shop: "order-0.myshopify.com" } })).toBeGreaterThan(0);
  });
});
