// Every admin page, every notice the desk queued and every CSV export, rendered by the built server
// in Japanese and in English for a shop that has been through the whole workflow (requests in every
// state, corrections, refusals, Shopify's erasure, consent from every source, records, a policy).
// None may show the other language's catalogue text, a stored code, an ISO timestamp or an id.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../support/fixtures";
import { embeddedAppUrl, mintSessionToken } from "../support/sessionToken";
import { languageProblems, visibleText } from "../support/languageCheck";
import { decode } from "turbo-stream";
import { translate, type MessageKey } from "../../app/i18n";
import { actionErrorText, labelOr, matchReasonKey } from "../../app/components/desk/labels";
import { formatList } from "../../app/components/desk/format";
import { DEFAULT_SCOPES } from "../../app/config.server";
import type { Locale } from "../../app/i18n";
import {
  addInternalNote,
  changeRequestStatus,
  completeRequest,
  createPrivacyRequest,
  extendRequestDeadline,
  refuseRequest,
  withdrawRequest,
} from "../../app/privacy/requests";
import { eraseCustomer } from "../../app/privacy/erasure";
import { recordConsent } from "../../app/privacy/consent/ledger";
import { publishPolicy } from "../../app/privacy/policy/publishPolicy";
import { seedPolicyContent } from "../../app/privacy/policy/seedPolicy";
import { seedShopifyProcessors } from "../../app/privacy/records/processors";
import { createBreachIncident, parseBreachInput } from "../../app/privacy/records/breaches";
import { createProvisionRecord, parseProvisionInput } from "../../app/privacy/records/provisionLedger";

const SHOP = DEMO_SHOP;
const STAFF = "staff:7001";
const NAMES = ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 直樹", "伊藤 さくら", "渡辺 健", "山本 優子", "小林 翔", "加藤 陽菜", "吉田 蓮"];

describe(`every admin page, notice and export in both languages on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  const requestIds: string[] = [];
  // Requests the action answers are asked of (see the test of the answers below).
  const answerIds: Record<string, string> = {};
  const data: string[] = [];
  let subjectKey = "";

  const pagePaths = async () => {
    const processors = await database.db.processor.findMany({ where: { shop: SHOP }, select: { id: true }, take: 1 });
    const provisions = await database.db.provisionRecord.findMany({ where: { shop: SHOP }, select: { id: true } });
    const breaches = await database.db.breachIncident.findMany({ where: { shop: SHOP }, select: { id: true } });
    return [
      "/app",
      "/app/requests",
      "/app/requests?status=completed,refused,withdrawn",
      "/app/requests/new",
      ...requestIds.map((id) => `/app/requests/${id}`),
      "/app/consent",
      `/app/consent/${encodeURIComponent(subjectKey)}`,
      "/app/policy",
      "/app/policy/edit",
      "/app/records",
      "/app/records?tab=received",
      "/app/records?tab=processors",
      "/app/records?tab=breaches",
      ...processors.map((row) => `/app/records/processors/${row.id}`),
      ...provisions.map((row) => `/app/records/provisions/${row.id}`),
      ...breaches.map((row) => `/app/records/breaches/${row.id}`),
      "/app/settings",
      "/app/events",
    ];
  };

  beforeAll(async () => {
    process.env.PRIVACY_DESK_HASH_KEY ??= "admin-language-hash-key";
    database = await createTestDatabase(undefined, "adminlanguage");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    await database.db.shopSettings.create({ data: { shop: SHOP, businessName: "キュイパール", contactEmail: "support@example.jp" } });
    data.push("キュイパール", "support@example.jp", ...NAMES);
    const db = database.db;
    const customers = [...standIn.state.shop(SHOP).customers.values()].filter((customer) => customer.id !== BUSY_CUSTOMER_ID && customer.email);
    for (const customer of customers) data.push(customer.email!, `${customer.lastName} ${customer.firstName}`, `${customer.firstName} ${customer.lastName}`, customer.firstName ?? "", customer.lastName ?? "");

    const make = async (index: number, type: string, extra: Record<string, unknown> = {}) => {
      const created = await createPrivacyRequest(
        db,
        { shop: SHOP, type: type as "inquiry", source: index % 2 ? "storefront" : "staff_phone", customerName: NAMES[index], email: `person${index}@example.jp`, language: index % 3 ? "ja" : "en", ...extra },
        "shopper",
      );
      requestIds.push(created.id);
      data.push(`person${index}@example.jp`);
      return created;
    };
    const linked = (customer: (typeof customers)[number]) => ({
      email: customer.email!,
      shopifyCustomerId: String(customer.id),
      identity: { method: "shopify_customer_login", verifiedAt: new Date() },
    });

    await make(0, "disclosure");
    const correction = await make(1, "correction", { ...linked(customers[0]), requestedChanges: { lastName: "訂正後", phone: "+81 90 1111 2222" } });
    await changeRequestStatus(db, SHOP, correction.id, "in_progress", STAFF, "本人確認済み");
    const stopUse = await make(2, "stop_use", linked(customers[1]));
    await changeRequestStatus(db, SHOP, stopUse.id, "in_progress", STAFF);
    const inquiry = await make(3, "inquiry");
    await changeRequestStatus(db, SHOP, inquiry.id, "in_progress", STAFF);
    await addInternalNote(db, SHOP, inquiry.id, STAFF, "電話で折り返し済み");
    await extendRequestDeadline(db, SHOP, inquiry.id, STAFF, { extraDays: 14, reason: "確認に時間を要するため" });
    await completeRequest(db, SHOP, inquiry.id, STAFF, { explanation: "お問い合わせにお答えしました。" });
    const refused = await make(4, "disclosure");
    await refuseRequest(db, SHOP, refused.id, STAFF, { ground: "identity_not_confirmed", explanation: "ご本人であることを確認できませんでした。" });
    const withdrawn = await make(5, "purpose_notice");
    await withdrawRequest(db, SHOP, withdrawn.id, STAFF, "お客様のご希望により");
    // Shopify's customers/redact closes the open requests of the customer it erases.
    await make(6, "disclosure", linked(customers[2]));
    await db.$transaction((tx) => eraseCustomer(tx as never, SHOP, { customerId: customers[2].id, email: customers[2].email!, phone: customers[2].phone ?? null }));

    // For the action answers: one a Shopify customer matches by email and phone, an open inquiry,
    // a request known only by phone, and the ones above.
    answerIds.disclosure = requestIds[0];
    answerIds.correction = correction.id;
    answerIds.stopUse = stopUse.id;
    answerIds.completed = inquiry.id;
    answerIds.erased = requestIds[6];
    answerIds.matchable = (await make(7, "disclosure", { email: customers[3].email!, phone: customers[3].phone ?? "" })).id;
    answerIds.inquiry = (await make(8, "inquiry")).id;
    answerIds.phoneOnly = (await make(9, "disclosure", { email: "", phone: "090-1234-5678" })).id;

    const kinds = ["policy", "email_marketing", "analytics", "marketing"] as const;
    const sources = ["storefront_form", "consent_banner", "shopify_webhook"] as const;
    for (let i = 0; i < 12; i++) {
      const record = await recordConsent(db, {
        shop: SHOP,
        shopifyCustomerId: String(customers[i % 3].id),
        kind: kinds[i % kinds.length],
        granted: i % 4 !== 0,
        policyVersion: 1,
        source: sources[i % 3],
        choiceAt: new Date(Date.now() - i * 3_600_000),
        evidence: "policy v1 ja",
      });
      subjectKey ||= record.subjectKey;
    }
    await recordConsent(db, { shop: SHOP, visitorId: "0b7e3c1a-5d2f-4a6b-8c9d-1e2f3a4b5c6d", kind: "analytics", granted: true, policyVersion: 1, source: "consent_banner", choiceAt: new Date() });

    await publishPolicy(db, standIn.client(SHOP), { shop: SHOP, changeNote: "初版", publishedBy: STAFF, content: seedPolicyContent() });
    await seedShopifyProcessors(db, SHOP, STAFF);
    const provision = parseProvisionInput({
      direction: "provided",
      firstProvidedAt: "2026-01-10",
      lastProvidedAt: "2026-01-10",
      counterpartyName: "株式会社ギフト便",
      subjectLabel: "佐藤 花子",
      items: "氏名\n住所",
      basis: "consent",
    });
    if (provision.ok) await createProvisionRecord(db, SHOP, provision.value, STAFF);
    data.push("株式会社ギフト便", "氏名", "住所");
    const breach = parseBreachInput({ title: "配送ラベルの誤送付", summary: "別のお客様の住所が印字されました。", discoveredAt: "2026-02-01T10:00", peopleCount: "1" });
    if (breach.ok) await createBreachIncident(db, SHOP, breach.value, STAFF);
    data.push("配送ラベルの誤送付", "別のお客様の住所が印字されました。");
    // What staff typed, the policy's own text (both languages are edited on one page) and the
    // register's entries are the shop's content, shown as written.
    data.push("訂正後", "+81 90 1111 2222", "本人確認済み", "電話で折り返し済み", "確認に時間を要するため", "お問い合わせにお答えしました。", "ご本人であることを確認できませんでした。", "お客様のご希望により", "初版");
    for (const version of await db.policyVersion.findMany({ where: { shop: SHOP } })) data.push(...collectStrings(JSON.parse(version.content)));
    for (const processor of await db.processor.findMany({ where: { shop: SHOP } })) data.push(...collectStrings(processor).flatMap((value) => [value, ...value.split(" / ")]).filter((value) => !/^[a-z_]+$/.test(value)));
    // Subjects known by email or as visitors are named by the end of their first row's id, which
    // is random and may spell a lower-case "word" (e.g. "biblyzan"): it is a reference, not text.
    for (const row of await db.consentRecord.findMany({ where: { shop: SHOP }, select: { id: true } })) data.push(row.id.slice(-8));
    app = await startApp({ database, adminApiUrl: standIn.url });
  });

  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  const open = async (path: string, locale: Locale) => {
    const url = embeddedAppUrl(app.url, path, { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001", locale });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    return { status: response.status, text: visibleText(await response.text()) };
  };

  it.each(["ja", "en"] as const)("renders every admin page in %s with nothing from the other language, no codes and no ISO dates", async (locale) => {
    const findings: string[] = [];
    // A notice shown for copying is in the person's language, whatever the admin's: it is the shopper's text.
    const notices = (await database.db.outboundMail.findMany({ where: { shop: SHOP } })).flatMap((mail) => [mail.subject, ...mail.body.split("\n")]);
    for (const path of await pagePaths()) {
      const { status, text } = await open(path, locale);
      if (status !== 200) findings.push(`${path}: HTTP ${status}`);
      for (const problem of languageProblems(locale, text, { data: [...data, ...notices] })) findings.push(`${path}: ${problem}`);
    }
    report(findings, expect.getState().currentTestName ?? "");
    expect(findings).toEqual([]);
  });

  // What an action answers is shown on the page (the confirmation modal's banner, the new-request
  // form's banner, the candidates proposed): each answer is put into words here exactly as the page
  // does it (actionErrorText, the match reasons' labels), and the new-request form's answer is the
  // page the server renders after the post.
  it.each(["ja", "en"] as const)("says every action's answer in %s with nothing from the other language and no codes", async (locale) => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
    const token = () => mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001" });
    const act = async (id: string, fields: Record<string, string>) => {
      const response = await fetch(`${app.url}/app/requests/${id}.data`, {
        method: "POST",
        headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${token()}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
      const decoded = await decode(response.body!);
      await decoded.done;
      return (decoded.value as { data: { ok: boolean; error?: string; code?: string; candidates?: Array<{ matchedBy: string[] }> } }).data;
    };
    const refusals: Array<[keyof typeof answerIds, Record<string, string>]> = [
      ["disclosure", { intent: "status", to: "completed" }],
      ["disclosure", { intent: "status", to: "in_progress" }],
      ["disclosure", { intent: "status", to: "unknown" }],
      ["disclosure", { intent: "extend", days: "two", reason: "確認のため" }],
      ["disclosure", { intent: "extend", days: "999", reason: "確認のため" }],
      ["disclosure", { intent: "extend", days: "7", reason: "" }],
      ["disclosure", { intent: "complete" }],
      ["disclosure", { intent: "refuse", ground: "unknown", explanation: "ご本人確認ができませんでした。" }],
      ["disclosure", { intent: "refuse", ground: "data_accurate", explanation: "ご本人確認ができませんでした。" }],
      ["disclosure", { intent: "refuse", ground: "identity_not_confirmed", explanation: "" }],
      ["stopUse", { intent: "refuse", ground: "alternative_measure", explanation: "別の措置を講じました。", measure: "" }],
      ["inquiry", { intent: "refuse", ground: "identity_not_confirmed", explanation: "ご本人確認ができませんでした。" }],
      ["disclosure", { intent: "note", note: "" }],
      ["disclosure", { intent: "confirm_match", customerId: "not-a-customer" }],
      ["disclosure", { intent: "disclosure" }],
      ["disclosure", { intent: "correction" }],
      ["disclosure", { intent: "stop_use" }],
      ["disclosure", { intent: "erasure" }],
      ["stopUse", { intent: "cancel_erasure" }],
      ["correction", { intent: "stop_use" }],
      ["disclosure", { intent: "delivery_sent", via: "pigeon", sentAt: "2026-01-10" }],
      ["disclosure", { intent: "delivery_sent", via: "post", sentAt: "yesterday" }],
      ["disclosure", { intent: "delivery_sent", via: "post", sentAt: "2026-01-10" }],
      ["disclosure", { intent: "mail_sent", mailId: "no-such-mail" }],
      ["disclosure", { intent: "unknown" }],
      ["phoneOnly", { intent: "send_link" }],
      ["completed", { intent: "status", to: "waiting_on_shopper" }],
      ["completed", { intent: "extend", days: "7", reason: "確認のため" }],
      ["completed", { intent: "confirm_match", customerId: "1002" }],
      ["erased", { intent: "note", note: "山田様から電話" }],
    ];
    const findings: string[] = [];
    for (const [request, fields] of refusals) {
      const answer = await act(answerIds[request], fields);
      const label = `${request} ${JSON.stringify(fields)}`;
      if (answer.ok) findings.push(`${label}: accepted, expected a refusal`);
      for (const problem of languageProblems(locale, actionErrorText(t, answer), { data })) findings.push(`${label}: ${problem}`);
    }
    // The candidates proposed, with why each was proposed.
    const matches = await act(answerIds.matchable, { intent: "matches" });
    expect(matches.candidates?.length).toBeGreaterThan(0);
    for (const candidate of matches.candidates ?? []) {
      expect(candidate.matchedBy.length).toBeGreaterThan(0);
      const reasons = t("desk.detail.matchReason", { reasons: formatList(candidate.matchedBy.map((reason) => labelOr(t, matchReasonKey(reason), reason)), locale) });
      for (const problem of languageProblems(locale, reasons, { data })) findings.push(`matches: ${problem}`);
    }
    // The new-request form posted as a document: the page comes back with its answer in a banner.
    const forms: Array<Record<string, string>> = [
      { type: "disclosure", source: "staff_phone" },
      { type: "disclosure", source: "staff_phone", email: "not an address" },
      { type: "disclosure", source: "staff_phone", phone: "call me" },
      { type: "refund", source: "staff_phone", email: "a@example.jp" },
      { type: "disclosure", source: "carrier_pigeon", email: "a@example.jp" },
      { type: "disclosure", source: "staff_phone", email: "a@example.jp", isAgent: "on" },
    ];
    for (const form of forms) {
      const url = embeddedAppUrl(app.url, "/app/requests/new", { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001", locale });
      const response = await fetch(url, { method: "POST", headers: { "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form), redirect: "manual" });
      const label = `new request ${JSON.stringify(form)}`;
      if (response.status !== 400) findings.push(`${label}: HTTP ${response.status}`);
      const html = await response.text();
      if (!html.includes('role="alert"')) findings.push(`${label}: no answer shown`);
      for (const problem of languageProblems(locale, visibleText(html), { data })) findings.push(`${label}: ${problem}`);
    }
    report(findings, expect.getState().currentTestName ?? "");
    expect(findings).toEqual([]);
  });

  it.each(["ja", "en"] as const)("queues every notice in the person's language (%s) with nothing from the other", async (locale) => {
    // A shopper's notice is in the request's language; staff notices in the shop's staff language (ja here).
    const languages = new Map((await database.db.privacyRequest.findMany({ where: { shop: SHOP }, select: { id: true, language: true } })).map((row) => [row.id, row.language]));
    const all = await database.db.outboundMail.findMany({ where: { shop: SHOP } });
    const mails = all.filter((mail) => (mail.kind.startsWith("staff_") ? "ja" : languages.get(mail.requestId ?? "")) === locale);
    expect(mails.length).toBeGreaterThan(2);
    const findings = mails.flatMap((mail) => languageProblems(locale, `${mail.subject}\n${mail.body}`, { data }).map((problem) => `${mail.kind}: ${problem}`));
    report(findings, expect.getState().currentTestName ?? "");
    expect(findings).toEqual([]);
  });

  it.each(["ja", "en"] as const)("exports the requests and the consent ledger as CSV in %s", async (locale) => {
    const headers = { "User-Agent": BROWSER_UA, Authorization: `Bearer ${mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001" })}` };
    const findings: string[] = [];
    for (const path of [`/app/requests/export?locale=${locale}`, `/app/consent/export?locale=${locale}`]) {
      const response = await fetch(`${app.url}${path}`, { headers });
      expect(response.status, path).toBe(200);
      const csv = await response.text();
      for (const problem of languageProblems(locale, csv, { data })) findings.push(`${path}: ${problem}`);
    }
    report(findings, expect.getState().currentTestName ?? "");
    expect(findings).toEqual([]);
  });
});

/** Findings in full, one a line, in tests/output/language/ (an assertion diff cuts them short). */
function report(findings: string[], name: string) {
  const dir = path.join(outputDir, "language");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-").slice(-80)}.txt`), findings.join("\n") + "\n");
}

/** Every string inside a value (a policy document, a stored row), JSON lists included. */
function collectStrings(value: unknown): string[] {
  if (typeof value === "string") {
    if (value.startsWith("[")) {
      try {
        return collectStrings(JSON.parse(value));
      } catch {
        return [value];
      }
    }
    return [value];
  }
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  // Ids and keys are codes, never content: a page must not show them.
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.entries(value).flatMap(([key, item]) => (key === "id" || key === "key" ? [] : collectStrings(item)));
  return [];
}
