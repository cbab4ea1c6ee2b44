// The records against the built server on both databases: retention purge on start, the provision
// ledger feeding a provision-records disclosure package, breach deadlines, and shop isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { embeddedAppUrl, mintSessionToken } from "../../support/sessionToken";
import { DEFAULT_SCOPES } from "../../../app/config.server";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { expiringProvisionRecords, purgeExpiredProvisionRecords } from "../../../app/privacy/records/retention";
import { tokyoDateString } from "../../../app/privacy/records/workingDays";

const SHOP_A = "records-a.myshopify.com";
const SHOP_B = "records-b.myshopify.com";
const DAY = 24 * 60 * 60 * 1000;

function ledgerRow(shop: string, overrides: Record<string, unknown> = {}) {
  const at = new Date("2026-01-10T01:00:00Z");
  return {
    shop,
    direction: "provided",
    firstProvidedAt: at,
    lastProvidedAt: at,
    counterpartyName: "株式会社テスト配送",
    basis: "consent",
    items: JSON.stringify(["氏名"]),
    retentionEndsAt: new Date("2035-01-01T00:00:00Z"),
    ...overrides,
  };
}

describe(`records on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  const foreign: Record<string, string> = {};
  let keptId = "";

  const headers = (shop = SHOP_A, extra: Record<string, string> = {}) => ({
    "User-Agent": BROWSER_UA,
    Authorization: `Bearer ${mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001" })}`,
    ...extra,
  });
  const get = (path: string, shop = SHOP_A) => fetch(`${app.url}${path}`, { headers: headers(shop), redirect: "manual" });
  const post = (path: string, fields: Record<string, string>, shop = SHOP_A) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: headers(shop, { "Content-Type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams(fields),
      redirect: "manual",
    });

  beforeAll(async () => {
    process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
    database = await createTestDatabase(undefined, "records");
    for (const shop of [SHOP_A, SHOP_B]) {
      await database.db.session.create({
        data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
      });
    }
    // Past retention before the server starts: the purge that runs on start must remove them.
    const past = new Date(Date.now() - DAY);
    await database.db.provisionRecord.createMany({
      data: [ledgerRow(SHOP_A, { retentionEndsAt: past, counterpartyName: "期限切れA" }), ledgerRow(SHOP_B, { retentionEndsAt: past })],
    });
    keptId = (await database.db.provisionRecord.create({ data: ledgerRow(SHOP_A, { counterpartyName: "保存中" }) })).id;
    foreign.provision = (await database.db.provisionRecord.create({ data: ledgerRow(SHOP_B, { counterpartyName: "B社の記録" }) })).id;
    foreign.processor = (await database.db.processor.create({ data: { shop: SHOP_B, name: "B Processor", country: "US", role: "cloud" } })).id;
    foreign.breach = (
      await database.db.breachIncident.create({ data: { shop: SHOP_B, title: "B の事案", discoveredAt: new Date() } })
    ).id;
    foreign.request = (
      await createPrivacyRequest(database.db, { shop: SHOP_B, type: "provision_records", source: "staff_phone", email: "hanako@example.jp" }, "test")
    ).id;
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("purges records past retention when the server starts, in every shop, and audits it", async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await database.db.provisionRecord.count({ where: { retentionEndsAt: { lte: new Date() } } })) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await database.db.provisionRecord.count({ where: { retentionEndsAt: { lte: new Date() } } })).toBe(0);
    expect(await database.db.provisionRecord.findUnique({ where: { id: keptId } })).not.toBeNull();
    const audit = await database.db.auditEntry.findMany({ where: { action: "records.provision.purged" } });
    expect(audit.map((entry) => [entry.shop, JSON.parse(entry.detail).count]).sort()).toEqual([
      [SHOP_A, 1],
      [SHOP_B, 1],
    ]);
  });

  it("keeps a record until its retention ends, lists it as expiring within 60 days, then purges it", async () => {
    const now = new Date("2030-03-01T00:00:00Z");
    const ends = new Date("2030-04-15T00:00:00Z");
    const row = await database.db.provisionRecord.create({ data: ledgerRow(SHOP_A, { retentionEndsAt: ends, counterpartyName: "境界" }) });
    expect((await expiringProvisionRecords(database.db, SHOP_A, now)).map((r) => r.id)).toContain(row.id);
    expect((await expiringProvisionRecords(database.db, SHOP_B, now)).map((r) => r.id)).not.toContain(row.id);
    expect((await expiringProvisionRecords(database.db, SHOP_A, new Date("2030-01-01T00:00:00Z"))).map((r) => r.id)).not.toContain(row.id);
    await purgeExpiredProvisionRecords(database.db, new Date(ends.getTime() - 1));
    expect(await database.db.provisionRecord.findUnique({ where: { id: row.id } })).not.toBeNull();
    const counts = await purgeExpiredProvisionRecords(database.db, ends);
    expect(await database.db.provisionRecord.findUnique({ where: { id: row.id } })).toBeNull();
    expect(counts[SHOP_A]).toBe(1);
    expect(counts[SHOP_B]).toBeUndefined();
    // Records of both shops with a later end stay.
    expect(await database.db.provisionRecord.findUnique({ where: { id: keptId } })).not.toBeNull();
    expect(await database.db.provisionRecord.findUnique({ where: { id: foreign.provision } })).not.toBeNull();
  });

  it("refuses an incomplete provision record and writes nothing", async () => {
    const before = await database.db.provisionRecord.count({ where: { shop: SHOP_A } });
    const response = await post("/app/records/provisions/new.data", { direction: "provided", basis: "consent", firstProvidedAt: "2026-13-40" });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("records.error.date");
    expect(body).toContain("records.error.required");
    expect(await database.db.provisionRecord.count({ where: { shop: SHOP_A } })).toBe(before);
  });

  it("discloses a person's provision records from a provision_records request as JSON, CSV and a printable page", async () => {
    const fields = {
      direction: "provided",
      firstProvidedAt: "2026-02-02",
      lastProvidedAt: "2026-05-20",
      continuous: "true",
      counterpartyName: "株式会社ギフト便",
      counterpartyAddress: "東京都千代田区1-1",
      counterpartyRepresentative: "代表 一郎",
      subjectEmail: "Hanako@Example.jp",
      subjectLabel: "佐藤 花子",
      items: "氏名\n住所\n電話番号",
      basis: "consent",
      notes: "社内限り：担当者メモ",
    };
    const created = await post("/app/records/provisions/new.data", fields);
    expect([200, 202, 204, 302]).toContain(created.status);
    const stored = await database.db.provisionRecord.findFirstOrThrow({ where: { shop: SHOP_A, counterpartyName: "株式会社ギフト便" } });
    expect(JSON.stringify(stored).toLowerCase()).not.toContain("hanako@example.jp");
    expect(stored.continuous).toBe(true);
    expect(tokyoDateString(stored.retentionEndsAt)).toBe("2029-05-20");
    // Matched by Shopify customer id instead of email.
    await post("/app/records/provisions/new.data", {
      direction: "received",
      firstProvidedAt: "2026-03-03",
      counterpartyName: "提携店舗",
      shopifyCustomerId: "1001",
      items: "購入履歴",
      basis: "contract",
      acquisitionNote: "提携店舗の会員登録時に取得",
    });
    // Someone else's record must not appear.
    await post("/app/records/provisions/new.data", { direction: "provided", firstProvidedAt: "2026-03-03", counterpartyName: "他人の提供先", subjectEmail: "other@example.jp", items: "氏名", basis: "consent" });
    expect(await database.db.auditEntry.count({ where: { shop: SHOP_A, action: "records.provision.created" } })).toBe(3);

    const request = await createPrivacyRequest(
      database.db,
      { shop: SHOP_A, type: "provision_records", source: "staff_email", email: "hanako@example.jp", shopifyCustomerId: "1001", language: "ja" },
      "test",
    );
    const json = await get(`/app/records/provision-disclosure/${request.id}?format=json`);
    expect(json.status).toBe(200);
    const pkg = (await json.json()) as { reference: string; records: Array<Record<string, unknown>> };
    expect(pkg.reference).toBe(request.reference);
    expect(pkg.records.map((r) => r.counterpartyName).sort()).toEqual(["提携店舗", "株式会社ギフト便"].sort());
    const gift = pkg.records.find((r) => r.counterpartyName === "株式会社ギフト便")!;
    expect(gift).toMatchObject({ firstProvidedAt: "2026-02-02", lastProvidedAt: "2026-05-20", continuous: true, items: ["氏名", "住所", "電話番号"] });
    expect(JSON.stringify(pkg)).not.toContain("社内限り");

    const csv = await get(`/app/records/provision-disclosure/${request.id}?format=csv&lang=en`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain(`provision-records-${request.reference}.csv`);
    const csvText = await csv.text();
    expect(csvText).toContain("Name of the other party");
    expect(csvText).toContain("株式会社ギフト便");
    expect(csvText).not.toContain("他人の提供先");

    const html = await (await get(`/app/records/provision-disclosure/${request.id}?format=html`)).text();
    expect(html).toContain("第三者提供記録の開示");
    expect(html).toContain("東京都千代田区1-1");
    expect(html).not.toContain("他人の提供先");
    expect(await database.db.auditEntry.count({ where: { shop: SHOP_A, action: "records.provision.disclosed" } })).toBe(3);
  });

  it("says so when nothing was provided", async () => {
    const request = await createPrivacyRequest(database.db, { shop: SHOP_A, type: "provision_records", source: "staff_email", email: "nobody@example.jp", language: "en" }, "test");
    const html = await (await get(`/app/records/provision-disclosure/${request.id}`)).text();
    expect(html).toContain("We hold no record of providing your personal data");
  });

  it("records a breach with its triggers and Japanese deadlines (Golden Week, 60 days when malicious)", async () => {
    const response = await post("/app/records/breaches/new.data", {
      title: "Webスキミング",
      discoveredAt: "2026-04-30",
      peopleCount: "12",
      triggerMalicious: "true",
      euResidents: "true",
      dataKinds: "カード情報",
    });
    expect([200, 202, 204, 302]).toContain(response.status);
    const incident = await database.db.breachIncident.findFirstOrThrow({ where: { shop: SHOP_A, title: "Webスキミング" } });
    expect(incident.reportDue).toBe(true);
    expect(tokyoDateString(incident.preliminaryDueAt!)).toBe("2026-05-07");
    // Day 60 from 4/30 is Sunday 6/28.
    expect(tokyoDateString(incident.finalDueAt!)).toBe("2026-06-29");
    expect(incident.gdprDueAt!.getTime() - incident.discoveredAt.getTime()).toBe(72 * 60 * 60 * 1000);
    const page = await get(`/app/records/breaches/${incident.id}.data`);
    expect(page.status).toBe(200);
    expect(await database.db.auditEntry.count({ where: { shop: SHOP_A, action: "records.breach.created" } })).toBe(1);
  });

  it("seeds Shopify into the processor register once", async () => {
    await post("/app/records.data", { intent: "seed_processors" });
    await post("/app/records.data", { intent: "seed_processors" });
    const processors = await database.db.processor.findMany({ where: { shop: SHOP_A } });
    expect(processors.map((p) => p.seedKey).sort()).toEqual(["shopify", "shopify_payments"]);
    expect(await database.db.processor.count({ where: { shop: SHOP_B } })).toBe(1);
    const page = await (await get("/app/records.data")).text();
    expect(page).toContain("カナダ");
  });

  it("renders the records pages as documents in Japanese and English", async () => {
    const incident = await database.db.breachIncident.findFirstOrThrow({ where: { shop: SHOP_A } });
    const record = await database.db.provisionRecord.findFirstOrThrow({ where: { shop: SHOP_A, counterpartyName: "株式会社ギフト便" } });
    const pages: Array<[string, "ja" | "en", string]> = [
      ["/app/records", "ja", "第三者提供記録"],
      ["/app/records?tab=processors", "ja", "外的環境の把握"],
      ["/app/records?tab=breaches", "en", "Breach reports due"],
      [`/app/records/breaches/${incident.id}`, "ja", "速報（概ね3〜5日以内）"],
      [`/app/records/provisions/${record.id}`, "en", "Kept until"],
      ["/app/records/provisions/new?direction=received", "ja", "提供元による取得の経緯"],
      ["/app/records/processors/new", "en", "New processor"],
    ];
    for (const [path, locale, text] of pages) {
      const url = embeddedAppUrl(app.url, path, { shop: SHOP_A, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, locale });
      const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain(text);
    }
  });

  it("answers 404 for another shop's ids on every records route and changes nothing", async () => {
    const reads = [
      `/app/records/provisions/${foreign.provision}.data`,
      `/app/records/processors/${foreign.processor}.data`,
      `/app/records/breaches/${foreign.breach}.data`,
      `/app/records/provision-disclosure/${foreign.request}?format=json`,
    ];
    for (const path of reads) expect((await get(path)).status, path).toBe(404);
    expect((await post(`/app/records/provisions/${foreign.provision}.data`, { intent: "delete" })).status).toBe(404);
    expect((await post(`/app/records/processors/${foreign.processor}.data`, { intent: "delete" })).status).toBe(404);
    expect((await post(`/app/records/breaches/${foreign.breach}.data`, { title: "x", discoveredAt: "2026-06-01" })).status).toBe(404);
    expect((await post("/app/records.data", { intent: "delete_processor", id: foreign.processor })).status).toBe(404);
    expect(await database.db.provisionRecord.findUnique({ where: { id: foreign.provision } })).not.toBeNull();
    expect(await database.db.processor.findUnique({ where: { id: foreign.processor } })).not.toBeNull();
    expect((await database.db.breachIncident.findUniqueOrThrow({ where: { id: foreign.breach } })).title).toBe("B の事案");
    // B's own session still sees its record.
    expect((await get(`/app/records/provisions/${foreign.provision}.data`, SHOP_B)).status).toBe(200);
  });
});
