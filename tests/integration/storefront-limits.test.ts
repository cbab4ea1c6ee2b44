// Issue 11, points 5 to 7, through the built server with queries signed like Shopify's: the status
// link's unguessable token, status look-ups that cannot be walked (limits per email and per
// reference, whatever address is claimed), no lock-out of a genuine shopper by a flood aimed at
// others, a clear refusal with Retry-After in ja and en, and on PostgreSQL limits that are the same
// with two instances as with one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { BROWSER_UA, TEST_API_SECRET, startApp, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { sentText } from "../support/mail";
import { ADDRESS_LIMITS, SUBJECT_LIMITS } from "../../app/privacy/storefront/limits";

const SHOP = "limits-shop.myshopify.com";
let counter = 1;
const freshIp = () => `203.0.${113 + (counter >> 8)}.${counter++ & 255}`;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

async function call(app: RunningApp, method: "GET" | "POST", path: string, init: { fields?: Record<string, string>; query?: Record<string, string>; ip?: string; json?: boolean; shop?: string } = {}): Promise<Answer> {
  const query = signedProxyQuery({ shop: init.shop ?? SHOP, secret: TEST_API_SECRET }, init.query ?? {});
  const response = await fetch(`${app.url}/proxy/${path}?${query}`, {
    method,
    headers: {
      "User-Agent": BROWSER_UA,
      "X-Forwarded-For": init.ip ?? freshIp(),
      ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...(init.json ? { Accept: "application/json" } : {}),
    },
    body: method === "POST" ? new URLSearchParams(init.fields ?? {}).toString() : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

const requestFields = (email: string, locale = "ja") => ({
  locale,
  type: "inquiry",
  name: "山田 花子",
  email,
  phone: "",
  order: "",
  delivery: "electronic",
  message: "問い合わせです。",
  consent: "1",
  website: "",
});

async function file(app: RunningApp, email: string) {
  const answer = await call(app, "POST", "requests", { fields: requestFields(email), json: true });
  expect(answer.status).toBe(201);
  return answer.json() as { reference: string; statusUrl: string };
}

const lookup = (app: RunningApp, reference: string, email: string, init: { ip?: string; locale?: string } = {}) =>
  call(app, "POST", "requests/status", { fields: { reference, email, locale: init.locale ?? "ja" }, ip: init.ip, json: !init.locale });

describe(`storefront status links and limits on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "limits");
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("hands out a status link with an unguessable token on the acknowledgement page and in its mail, never stored readable", async () => {
    const email = "link.owner@example.jp";
    const { reference, statusUrl } = await file(app, email);
    const token = new URL(statusUrl, "https://x.example").searchParams.get("token")!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const opened = await call(app, "GET", "requests/status", { query: { token }, json: true });
    expect(opened.status).toBe(200);
    expect(opened.json()).toMatchObject({ ok: true, reference, status: "received" });
    const page = await call(app, "GET", "requests/status", { query: { token, locale: "ja" } });
    expect(page.text).toContain(reference);

    // The mail carries the same link; the database holds only its hash and the sealed link.
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: SHOP, reference }, omit: { statusTokenHash: false } });
    const mail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" }, omit: { sealedLinks: false } });
    expect(await sentText(database.db, mail.id)).toContain(`https://${SHOP}/apps/privacy/requests/status?token=${token}`);
    expect(JSON.stringify(request)).not.toContain(token);
    expect(JSON.stringify(mail)).not.toContain(token);
    expect(request.statusTokenHash).toMatch(/^[0-9a-f]{64}$/);

    // The no-JS acknowledgement page shows the link too.
    const noJs = await call(app, "POST", "requests", { fields: requestFields("nojs@example.jp", "en") });
    expect(noJs.status).toBe(201);
    expect(noJs.text).toMatch(/href="\/apps\/privacy\/requests\/status\?token=[A-Za-z0-9_-]{43}&amp;locale=en" data-pd-status-link/);

    // Another shop, a changed token, a malformed one: nothing.
    expect((await call(app, "GET", "requests/status", { query: { token }, shop: "limits-other.myshopify.com", json: true })).status).toBe(404);
    expect((await call(app, "GET", "requests/status", { query: { token: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` }, json: true })).status).toBe(404);
    expect((await call(app, "GET", "requests/status", { query: { token: "../../etc" }, json: true })).status).toBe(404);
  });

  it("cannot be walked: references tried with a known email, or emails with a known reference, are refused whatever address is claimed", async () => {
    const email = "walked@example.jp";
    const { reference, statusUrl } = await file(app, email);
    const year = reference.slice(3, 7);
    const answers: Answer[] = [];
    // Each try from a new address, and with a shopper-written X-Forwarded-For in front of it.
    for (let n = 0; n < SUBJECT_LIMITS.lookupEmail.points + 5; n++) {
      answers.push(await lookup(app, `PD-${year}-${String(90_000 + n)}`, email, { ip: `${freshIp()}, ${freshIp()}` }));
    }
    expect(answers.slice(0, SUBJECT_LIMITS.lookupEmail.points).map((a) => a.status)).toEqual(Array(SUBJECT_LIMITS.lookupEmail.points).fill(404));
    for (const refused of answers.slice(SUBJECT_LIMITS.lookupEmail.points)) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Even the right reference is refused for that email for now; the owner's status link is not.
    expect((await lookup(app, reference, email)).status).toBe(429);
    expect((await call(app, "GET", "requests/status", { query: { token: new URL(statusUrl, "https://x.example").searchParams.get("token")! }, json: true })).status).toBe(200);

    // Emails tried against one reference.
    const target = await file(app, "target@example.jp");
    const tries: number[] = [];
    for (let n = 0; n < SUBJECT_LIMITS.lookupReference.points + 2; n++) tries.push((await lookup(app, target.reference, `guess${n}@example.jp`)).status);
    expect(tries.slice(-2)).toEqual([429, 429]);
    expect((await lookup(app, target.reference, "target@example.jp")).status).toBe(429);
  });

  it("lets a genuine shopper look up and file while a flood aims at other references and emails from many addresses", async () => {
    const genuine = await file(app, "genuine@example.jp");
    const flood: Promise<Answer>[] = [];
    for (let n = 0; n < 300; n++) flood.push(lookup(app, `PD-2026-${String(50_000 + n)}`, `flood${n}@example.jp`));
    const statuses = (await Promise.all(flood)).map((a) => a.status);
    expect(statuses.every((status) => status === 404)).toBe(true);
    const mine = await lookup(app, genuine.reference, "genuine@example.jp");
    expect(mine.status).toBe(200);
    expect(mine.json()).toMatchObject({ ok: true, reference: genuine.reference });
    await file(app, "genuine.second@example.jp");
  });

  it("refuses one address past its allowance with a clear message and Retry-After, in Japanese and in English", async () => {
    const ip = "198.51.100.77";
    let last: Answer | null = null;
    for (let n = 0; n <= ADDRESS_LIMITS.status.points; n++) last = await lookup(app, `PD-2026-${String(70_000 + n)}`, `addr${n}@example.jp`, { ip, locale: "ja" });
    expect(last!.status).toBe(429);
    const retry = Number(last!.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(last!.text).toContain(`${Math.ceil(retry / 60)} 分ほど待ってから`);
    expect(last!.text).not.toContain("Please wait");
    const en = await lookup(app, "PD-2026-79999", "addr-en@example.jp", { ip, locale: "en" });
    expect(en.status).toBe(429);
    expect(en.text).toContain("Please wait about");
    expect(en.text).toContain("minutes and try again");
    // A shopper-written X-Forwarded-For in front of the same address does not dodge it.
    expect((await lookup(app, "PD-2026-79998", "addr-x@example.jp", { ip: `10.9.8.7, ${ip}` })).status).toBe(429);
    // The next person's address is not affected.
    expect((await lookup(app, "PD-2026-79997", "addr-y@example.jp")).status).toBe(404);
  });

  // Several instances behind one address share their limits only through the database.
  it.runIf(currentDatabaseKind() === "postgres")("refuses on PostgreSQL the same look-ups and the same address with two instances as with one, whichever answers", async () => {
    const second = await startApp({ database });
    try {
      const email = "two.instances@example.jp";
      const { reference } = await file(app, email);
      const statuses: number[] = [];
      for (let n = 0; n < SUBJECT_LIMITS.lookupEmail.points + 2; n++) {
        statuses.push((await lookup(n % 2 ? second : app, `PD-2026-${String(80_000 + n)}`, email)).status);
      }
      expect(statuses).toEqual([...Array(SUBJECT_LIMITS.lookupEmail.points).fill(404), 429, 429]);
      expect((await lookup(second, reference, email)).status).toBe(429);

      const ip = "198.51.100.200";
      const byAddress: number[] = [];
      for (let n = 0; n < ADDRESS_LIMITS.status.points + 2; n++) byAddress.push((await lookup(n % 2 ? app : second, `PD-2026-${String(81_000 + n)}`, `a${n}@example.jp`, { ip })).status);
      expect(byAddress.filter((status) => status === 404)).toHaveLength(ADDRESS_LIMITS.status.points);
      expect(byAddress.slice(-2)).toEqual([429, 429]);
      // The counters are rows of the shared table, keyed by keyed hashes only.
      const rows = await database.db.rateLimitCounter.findMany();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value))).not.toMatch(/example\.jp|198\.51\.100/);
    } finally {
      await second.stop();
    }
  });
});
