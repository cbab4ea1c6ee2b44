// The requests list and dashboard figures against a real database (both SQLite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { countRequests, EMPTY_QUERY, listRequests, readReferenceYears, type RequestListQuery } from "../../app/privacy/desk/requestList";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { requestsCsv } from "../../app/privacy/desk/requestCsv";
import { dashboardStats, monthStart, weekStart } from "../../app/privacy/desk/dashboardStats";

const SHOP = "list-a.myshopify.com";
const OTHER = "list-b.myshopify.com";
const NOW = new Date("2026-06-17T03:00:00Z"); // Wednesday, 12:00 in Japan
const DAY = 24 * 60 * 60 * 1000;
// "Due within 3 days" runs to the end of the third day on the shop's calendar: 20 June in Japan.
const END_OF_THIRD_DAY = new Date("2026-06-20T14:59:59.999Z");
const TYPES = ["disclosure", "correction", "stop_use", "inquiry"];
const STATUSES = ["received", "in_progress", "completed", "refused"];

function row(shop: string, n: number) {
  const receivedAt = new Date(NOW.getTime() - n * 6 * 60 * 60 * 1000);
  return {
    shop,
    reference: `PD-2026-${String(n + 1).padStart(5, "0")}`,
    type: TYPES[n % 4],
    source: n % 3 === 0 ? "storefront" : "staff_phone",
    status: STATUSES[n % 4],
    customerName: n === 7 ? "=cmd|' /C calc'!A0" : `${n % 2 ? "山田" : "佐藤"} ${n}`,
    email: `shopper${n}@example.jp`,
    receivedAt,
    // Spread due dates around NOW: some overdue, some within three days, some later.
    dueAt: new Date(NOW.getTime() + ((n % 10) - 4) * DAY),
    closedAt: STATUSES[n % 4] === "completed" ? new Date(NOW.getTime() - (n % 40) * DAY) : null,
  };
}

const query = (overrides: Partial<RequestListQuery>): RequestListQuery => ({ ...EMPTY_QUERY, ...overrides });

describe(`requests list on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  const rows = Array.from({ length: 230 }, (_, n) => row(SHOP, n));

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "desklist");
    await database.db.privacyRequest.createMany({ data: rows });
    await database.db.privacyRequest.createMany({ data: Array.from({ length: 40 }, (_, n) => row(OTHER, n)) });
    // The counters createPrivacyRequest would have left for these rows (the list reads them for serial searches).
    await database.db.referenceCounter.createMany({ data: [{ shop: SHOP, year: 2026, last: 230 }, { shop: OTHER, year: 2026, last: 40 }] });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("counts the requests matching the filters, not the page, and only this shop's", async () => {
    expect(await countRequests(database.db, SHOP, EMPTY_QUERY, NOW)).toEqual({ count: 230, capped: false });
    expect(await countRequests(database.db, OTHER, EMPTY_QUERY, NOW)).toEqual({ count: 40, capped: false });
    const completed = rows.filter((r) => r.status === "completed").length;
    expect(await countRequests(database.db, SHOP, query({ statuses: ["completed"] }), NOW)).toEqual({ count: completed, capped: false });
    expect(await countRequests(database.db, SHOP, query({ search: "PD-2026-00007" }), NOW)).toEqual({ count: 1, capped: false });
  });

  it("stops counting past the cap and says so", async () => {
    const { COUNT_CAP } = await import("../../app/privacy/desk/requestList");
    const big = "list-big.myshopify.com";
    await database.db.privacyRequest.createMany({ data: Array.from({ length: COUNT_CAP + 5 }, (_, n) => ({ ...row(big, n), reference: `PD-2026-${String(n + 1).padStart(5, "0")}` })) });
    expect(await countRequests(database.db, big, EMPTY_QUERY, NOW)).toEqual({ count: COUNT_CAP, capped: true });
  });

  it("pages forwards and backwards through every row exactly once, newest first", async () => {
    const seen: string[] = [];
    let page = await listRequests(database.db, SHOP, EMPTY_QUERY, { now: NOW });
    expect(page.previous).toBeNull();
    seen.push(...page.rows.map((r) => r.reference));
    const pages = [page];
    while (page.next) {
      page = await listRequests(database.db, SHOP, query({ cursor: page.next }), { now: NOW });
      pages.push(page);
      seen.push(...page.rows.map((r) => r.reference));
    }
    expect(seen).toEqual(rows.map((r) => r.reference));
    expect(pages).toHaveLength(5);
    // From the last page, "previous" gives back the fourth page.
    const back = await listRequests(database.db, SHOP, query({ cursor: pages[4].previous, direction: "previous" }), { now: NOW });
    expect(back.rows.map((r) => r.id)).toEqual(pages[3].rows.map((r) => r.id));
    expect(back.next).not.toBeNull();
    expect(back.previous).not.toBeNull();
  });

  it("filters by type, status, source and due, never showing another shop", async () => {
    const page = await listRequests(
      database.db,
      SHOP,
      query({ types: ["disclosure"], statuses: ["received"], sources: ["storefront"] }),
      { now: NOW, pageSize: 500 },
    );
    const expected = rows.filter((r) => r.type === "disclosure" && r.status === "received" && r.source === "storefront");
    expect(page.rows.map((r) => r.reference).sort()).toEqual(expected.map((r) => r.reference).sort());

    const overdue = await listRequests(database.db, SHOP, query({ due: "overdue" }), { now: NOW, pageSize: 500 });
    const open = (r: (typeof rows)[number]) => r.status === "received" || r.status === "in_progress";
    expect(overdue.rows.length).toBe(rows.filter((r) => open(r) && r.dueAt < NOW).length);
    const soon = await listRequests(database.db, SHOP, query({ due: "due_soon", dueWithinDays: 3 }), { now: NOW, pageSize: 500 });
    expect(soon.rows.length).toBe(rows.filter((r) => open(r) && r.dueAt >= NOW && r.dueAt <= END_OF_THIRD_DAY).length);
    expect(soon.rows.length).toBeGreaterThan(0);
  });

  it("searches by reference, email and name prefix", async () => {
    const byReference = await listRequests(database.db, SHOP, query({ search: "pd-2026-00012" }), { now: NOW });
    expect(byReference.rows.map((r) => r.email)).toEqual(["shopper11@example.jp"]);
    const byEmail = await listRequests(database.db, SHOP, query({ search: "Shopper3@Example.jp" }), { now: NOW });
    expect(byEmail.rows.map((r) => r.reference)).toEqual(["PD-2026-00004"]);
    const byName = await listRequests(database.db, SHOP, query({ search: "山田" }), { now: NOW, pageSize: 500 });
    expect(byName.rows).toHaveLength(114); // 115 odd rows, one renamed to a formula
    const otherShop = await listRequests(database.db, OTHER, query({ search: "pd-2026-00100" }), { now: NOW });
    expect(otherShop.rows).toHaveLength(0);
  });

  it("finds a serial quoted alone in every year of the shop, and never another shop's", async () => {
    // Fresh shops numbered by the real path, so references and ReferenceCounter rows are the app's own.
    const SERIALS = "list-serial-a.myshopify.com";
    const NEIGHBOUR = "list-serial-b.myshopify.com";
    const create = (shop: string, receivedAt: string, customerName: string) =>
      createPrivacyRequest(
        database.db,
        { shop, type: "disclosure", source: "staff_email", email: "serial@example.jp", customerName, receivedAt: new Date(receivedAt) },
        "staff:1",
      );
    const of2024 = await create(SERIALS, "2024-06-01T03:00:00Z", "佐藤 一郎");
    const of2025 = await create(SERIALS, "2025-06-01T03:00:00Z", "佐藤 二郎");
    const second2025 = await create(SERIALS, "2025-06-15T03:00:00Z", "佐藤 三郎");
    const namedWithDigits = await create(SERIALS, "2025-07-01T03:00:00Z", "100 Acre Wood Ltd");
    // 00:30 on New Year's Day in Japan: numbered in 2026 although still 2025 in UTC.
    const of2026 = await create(SERIALS, "2025-12-31T15:30:00Z", "佐藤 四郎");
    const neighbours = await create(NEIGHBOUR, "2025-06-01T03:00:00Z", "佐藤 五郎");
    expect([of2024, of2025, second2025, of2026, neighbours].map((r) => r.reference)).toEqual([
      "PD-2024-00001",
      "PD-2025-00001",
      "PD-2025-00002",
      "PD-2026-00001",
      "PD-2025-00001",
    ]);
    expect(await readReferenceYears(database.db, SERIALS)).toEqual([2024, 2025, 2026]);
    expect(await readReferenceYears(database.db, NEIGHBOUR)).toEqual([2025]);

    const search = async (shop: string, term: string) =>
      (await listRequests(database.db, shop, query({ search: term }), { now: NOW })).rows.map((r) => r.id);
    // Newest first: the three first-of-the-year requests, and the name starting with "1".
    expect(await search(SERIALS, "1")).toEqual([of2026.id, namedWithDigits.id, of2025.id, of2024.id]);
    expect(await search(SERIALS, "00001")).toEqual([of2026.id, of2025.id, of2024.id]);
    expect(await search(SERIALS, "2")).toEqual([second2025.id]);
    expect(await search(SERIALS, "7")).toEqual([]);
    expect(await search(NEIGHBOUR, "1")).toEqual([neighbours.id]);
    // The fixture shop's own serial 12, not the new shops' requests.
    const fixture = await listRequests(database.db, SHOP, query({ search: "12" }), { now: NOW });
    expect(fixture.rows.map((r) => r.reference)).toEqual(["PD-2026-00012"]);
  });

  it("sorts by due date both ways with stable paging", async () => {
    const ascending = await listRequests(database.db, SHOP, query({ sort: "due_asc" }), { now: NOW, pageSize: 100 });
    const dues = ascending.rows.map((r) => r.dueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const second = await listRequests(database.db, SHOP, query({ sort: "due_asc", cursor: ascending.next }), { now: NOW, pageSize: 100 });
    const ids = new Set(ascending.rows.map((r) => r.id));
    expect(second.rows.some((r) => ids.has(r.id))).toBe(false);
    expect(second.rows[0].dueAt.getTime()).toBeGreaterThanOrEqual(dues[dues.length - 1]);
  });

  it("exports the filtered rows as CSV with formula cells neutralised", async () => {
    let csv = "";
    for await (const chunk of requestsCsv(database.db, SHOP, EMPTY_QUERY, NOW, { form: "codes" })) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("\uFEFFreference,type,status,source,customer_name,email,received_at,due_at,closed_at,identity,agent,language");
    expect(lines).toHaveLength(231);
    expect(csv).toContain(`PD-2026-00008,inquiry,refused,staff_phone,'=cmd|' /C calc'!A0,`);
    expect(csv).not.toContain("list-b");
  });

  it.each([
    ["ja", "\uFEFF受付番号,種類,状況,受付経路,お名前,メールアドレス,受付日時（日本標準時）,回答期限（日本標準時）,終了日時（日本標準時）,本人確認,代理人による請求,言語", "PD-2026-00008,お問い合わせ,不対応,電話,'=cmd|' /C calc'!A0,shopper7@example.jp,2026/06/15 18:00,2026/06/20 12:00,"],
    ["en", "\uFEFFReference,Type,Status,Source,Name,Email,Received (Japan Standard Time),Due (Japan Standard Time),Closed (Japan Standard Time),Identity,By an agent,Language", "PD-2026-00008,Inquiry,Refused,Phone,'=cmd|' /C calc'!A0,shopper7@example.jp,2026/06/15 18:00,2026/06/20 12:00,"],
  ] as const)("exports readable CSV in %s: labelled headers and values, times on the shop's clock", async (locale, header, row) => {
    let csv = "";
    for await (const chunk of requestsCsv(database.db, SHOP, EMPTY_QUERY, NOW, { locale })) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(header);
    expect(csv).toContain(row);
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(csv).not.toMatch(/staff_phone|in_progress/);
  });

  it("counts the dashboard's figures for this shop only", async () => {
    const stats = await dashboardStats(database.db, SHOP, { now: NOW });
    const open = rows.filter((r) => r.status === "received" || r.status === "in_progress");
    expect(stats.open).toBe(open.length);
    expect(stats.overdue).toBe(open.filter((r) => r.dueAt < NOW).length);
    expect(stats.dueSoon).toBe(open.filter((r) => r.dueAt >= NOW && r.dueAt <= END_OF_THIRD_DAY).length);
    const since = monthStart(NOW);
    expect(stats.completedThisMonth).toBe(rows.filter((r) => r.status === "completed" && r.closedAt! >= since).length);
    expect(stats.weeks).toHaveLength(12);
    const first = stats.weeks[0].start;
    expect(stats.weeks.reduce((sum, week) => sum + week.total, 0)).toBe(rows.filter((r) => r.receivedAt >= first).length);
    const thisWeek = stats.weeks[11];
    expect(thisWeek.start).toEqual(weekStart(NOW));
    expect(thisWeek.counts.disclosure).toBe(rows.filter((r) => r.type === "disclosure" && r.receivedAt >= thisWeek.start).length);
  });
});
