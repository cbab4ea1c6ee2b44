// The requests list and dashboard figures against a real database (both SQLite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { EMPTY_QUERY, listRequests, type RequestListQuery } from "../../app/privacy/desk/requestList";
import { requestsCsv } from "../../app/privacy/desk/requestCsv";
import { dashboardStats, monthStart, weekStart } from "../../app/privacy/desk/dashboardStats";

const SHOP = "list-a.myshopify.com";
const OTHER = "list-b.myshopify.com";
const NOW = new Date("2026-06-17T03:00:00Z"); // Wednesday, 12:00 in Japan
const DAY = 24 * 60 * 60 * 1000;
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
  });
  afterAll(async () => {
    await database?.drop();
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
    expect(soon.rows.length).toBe(rows.filter((r) => open(r) && r.dueAt >= NOW && r.dueAt.getTime() < NOW.getTime() + 3 * DAY).length);
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
    for await (const chunk of requestsCsv(database.db, SHOP, EMPTY_QUERY, NOW)) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("\uFEFFreference,type,status,source,customer_name,email,received_at,due_at,closed_at,identity,agent,language");
    expect(lines).toHaveLength(231);
    expect(csv).toContain(`PD-2026-00008,inquiry,refused,staff_phone,'=cmd|' /C calc'!A0,`);
    expect(csv).not.toContain("list-b");
  });

  it("counts the dashboard's figures for this shop only", async () => {
    const stats = await dashboardStats(database.db, SHOP, { now: NOW });
    const open = rows.filter((r) => r.status === "received" || r.status === "in_progress");
    expect(stats.open).toBe(open.length);
    expect(stats.overdue).toBe(open.filter((r) => r.dueAt < NOW).length);
    expect(stats.dueSoon).toBe(open.filter((r) => r.dueAt >= NOW && r.dueAt.getTime() < NOW.getTime() + 3 * DAY).length);
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
