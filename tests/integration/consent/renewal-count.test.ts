// Counting who needs telling after a change of purposes, on a real database (SQLite and
// PostgreSQL): people (customers, email subjects) apart from anonymous banner visitors, and the
// paged count agreeing with the per-subject rule of deriveConsentState on a shuffled mixed ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { countNeedingRenewal } from "../../../app/privacy/consent/consentQueries";
import { deriveConsentState } from "../../../app/privacy/consent/consentState";
import { CONSENT_KINDS, CONSENT_SOURCES } from "../../../app/privacy/consent/consentTypes";
import type { Db } from "../../../app/db.factory";

const SHOP = "renewal-count.myshopify.com";
const SMALL_SHOP = "renewal-small.myshopify.com";
const QUIET_SHOP = "renewal-quiet.myshopify.com";

/** The count as it was first written: every row of the shop in memory, state derived per subject. */
async function countInMemory(db: Db, shop: string, purposesVersion: number) {
  const rows = await db.consentRecord.findMany({ where: { shop } });
  const bySubject = new Map<string, typeof rows>();
  for (const row of rows) bySubject.set(row.subjectKey, [...(bySubject.get(row.subjectKey) ?? []), row]);
  let people = 0;
  let visitors = 0;
  for (const [subjectKey, records] of bySubject) {
    if (![...deriveConsentState(records, purposesVersion).values()].some((entry) => entry.needsRenewal)) continue;
    if (subjectKey.startsWith("visitor:")) visitors++;
    else people++;
  }
  return { people, visitors, purposesVersion };
}

// A small deterministic generator, so a failure can be replayed.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function publishVersions(db: Db, shop: string, purposesChanged: boolean[]) {
  for (const [index, changed] of purposesChanged.entries()) {
    await db.policyVersion.create({
      data: { shop, version: index + 1, contentHash: `hash-${index + 1}`, content: "{}", purposesChanged: changed },
    });
  }
}

type Row = {
  id: string;
  shop: string;
  subjectKey: string;
  kind: string;
  granted: boolean;
  policyVersion: number | null;
  source: string;
  choiceAt: Date;
  evidence: string;
};

describe(`renewal count on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "renewal");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("counts people who can be told apart from anonymous visitors", async () => {
    const db = database.db;
    await publishVersions(db, SMALL_SHOP, [false, true, false]);
    const at = (day: number) => new Date(Date.UTC(2026, 3, day));
    const row = (subjectKey: string, kind: string, granted: boolean, policyVersion: number | null, day: number, source = "storefront_form") => ({
      shop: SMALL_SHOP,
      subjectKey,
      kind,
      granted,
      policyVersion,
      source,
      choiceAt: at(day),
    });
    await db.consentRecord.createMany({
      data: [
        // Needs telling: granted under v1, before the change in v2.
        row("customer:1", "policy", true, 1, 1),
        row("email:aaaa", "email_marketing", true, 1, 1),
        // Renewed under v2: not counted.
        row("customer:2", "policy", true, 1, 1),
        row("customer:2", "policy", true, 2, 5),
        // Withdrew later: not counted.
        row("customer:3", "analytics", true, 1, 1),
        row("customer:3", "analytics", false, 1, 3),
        // Banner visitors under v1: counted apart; one withdrew, one renewed.
        row("visitor:v1", "analytics", true, 1, 1, "consent_banner"),
        row("visitor:v1", "marketing", false, 1, 1, "consent_banner"),
        row("visitor:v2", "preferences", true, 1, 2, "consent_banner"),
        row("visitor:v3", "analytics", true, 1, 1, "consent_banner"),
        row("visitor:v3", "analytics", false, 1, 2, "consent_banner"),
        row("visitor:v4", "analytics", true, 1, 1, "consent_banner"),
        row("visitor:v4", "analytics", true, 3, 6, "consent_banner"),
        // Without a version and not policy acceptance (Shopify's marketing settings): left alone.
        row("customer:4", "email_marketing", true, null, 1, "shopify_webhook"),
      ],
    });
    expect(await countNeedingRenewal(db, SMALL_SHOP)).toEqual({ people: 2, visitors: 2, purposesVersion: 2 });
    // Page boundaries inside a subject change nothing.
    for (const pageRows of [1, 2, 3]) expect(await countNeedingRenewal(db, SMALL_SHOP, pageRows)).toEqual({ people: 2, visitors: 2, purposesVersion: 2 });
  });

  it("is zero for both when the purposes never changed", async () => {
    await publishVersions(database.db, QUIET_SHOP, [false, false]);
    await database.db.consentRecord.create({
      data: { shop: QUIET_SHOP, subjectKey: "visitor:q", kind: "analytics", granted: true, policyVersion: 1, source: "consent_banner", choiceAt: new Date() },
    });
    expect(await countNeedingRenewal(database.db, QUIET_SHOP)).toEqual({ people: 0, visitors: 0, purposesVersion: null });
  });

  it("agrees with the in-memory rule on a shuffled mixed ledger, whatever the page size", async () => {
    const db = database.db;
    await publishVersions(db, SHOP, [false, true, false, true, false]);
    const next = random(20261124);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const base = Date.UTC(2026, 0, 1);
    const rows: Row[] = [];
    let serial = 0;
    for (let subject = 0; subject < 180; subject++) {
      const type = pick(["customer", "email", "visitor"] as const);
      const subjectKey = type === "customer" ? `customer:${5000 + subject}` : `${type}:${subject.toString(16).padStart(8, "0")}${type}`;
      const count = 1 + Math.floor(next() * 9);
      for (let i = 0; i < count; i++) {
        const kind = pick(CONSENT_KINDS);
        // Few distinct times, so equal choiceAt across grants and withdrawals happens often.
        const choiceAt = new Date(base + Math.floor(next() * 6) * 86_400_000);
        rows.push({
          // Random ids, so id order says nothing about time or arrival.
          id: `r${Math.floor(next() * 1e9).toString(36)}${serial++}`,
          shop: SHOP,
          subjectKey,
          kind,
          granted: next() < 0.7,
          policyVersion: next() < 0.15 ? null : 1 + Math.floor(next() * 5),
          source: type === "visitor" ? "consent_banner" : pick(CONSENT_SOURCES),
          choiceAt,
          evidence: next() < 0.5 ? "" : `e${Math.floor(next() * 3)}`,
        });
      }
    }
    // Another shop's rows with the same subjects must not leak into the count.
    const other = rows.slice(0, 40).map((row, i) => ({ ...row, id: `o${i}`, shop: "renewal-other.myshopify.com", granted: true, policyVersion: 1 }));
    const shuffled = [...rows, ...other];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    for (let i = 0; i < shuffled.length; i += 200) await db.consentRecord.createMany({ data: shuffled.slice(i, i + 200) });

    const expected = await countInMemory(db, SHOP, 4);
    // The data set exercises both sides of the split and both outcomes.
    expect(expected.people).toBeGreaterThan(10);
    expect(expected.visitors).toBeGreaterThan(5);
    expect(expected.people + expected.visitors).toBeLessThan(180);
    for (const pageRows of [1, 2, 7, 64, 1000]) expect(await countNeedingRenewal(db, SHOP, pageRows)).toEqual(expected);
    expect(await countNeedingRenewal(db, SHOP)).toEqual(expected);
  });
});
