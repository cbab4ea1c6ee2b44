// The memory of used signed App Proxy queries on SQLite (app/privacy/storefront/signedQueries.ts):
// a row per query in the database, so a restart does not forget it, and purged once expired. Across
// a real restart of the app: tests/integration/storefront-replay.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { SIGNED_QUERY_MEMORY } from "../../../app/privacy/storefront/limits";
import { firstUseOfSignedQuery, purgeExpiredSignatures, PURGE_SLICE, sqliteSeenSignatures } from "../../../app/privacy/storefront/signedQueries";

const SHOP = "signed-queries.myshopify.com";
const MEMORY_MS = SIGNED_QUERY_MEMORY.durationSeconds * 1000;

describe("seen signed queries on SQLite", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", "signed_queries");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("takes a query once while remembered, again once its memory expired, and keeps no signature", async () => {
    const now = 1_800_000_000_000;
    const seen = sqliteSeenSignatures(database.db);
    expect(await firstUseOfSignedQuery(SHOP, "sig-a", seen, now)).toBe(true);
    expect(await firstUseOfSignedQuery(SHOP, "sig-a", seen, now + 1_000)).toBe(false);
    // Another shop's query with the same signature is another query.
    expect(await firstUseOfSignedQuery("other.myshopify.com", "sig-a", seen, now + 1_000)).toBe(true);
    // A second client on the same file, as after a restart: the row is what remembers.
    expect(await firstUseOfSignedQuery(SHOP, "sig-a", sqliteSeenSignatures(database.db), now + MEMORY_MS - 1)).toBe(false);
    expect(await firstUseOfSignedQuery(SHOP, "sig-a", seen, now + MEMORY_MS)).toBe(true);

    const rows = await database.db.rateLimitCounter.findMany();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.key).toMatch(/^signedQuery:[0-9a-f]{64}$/);
      expect(row.key).not.toContain("sig-a");
    }
    // The replay within memory did not extend it: the row expires a memory after the first sight.
    expect(rows.map((row) => Number(row.expire)).sort()).toEqual([now + MEMORY_MS + 1_000, now + 2 * MEMORY_MS]);
  });

  it("purges expired rows in slices, and only the seen signatures' rows", async () => {
    await database.db.rateLimitCounter.deleteMany();
    const now = 1_900_000_000_000;
    const seen = sqliteSeenSignatures(database.db);
    const expired = PURGE_SLICE + 7;
    for (let n = 0; n < expired; n++) await seen.firstSight(`old-${n}`, now - MEMORY_MS - n);
    await seen.firstSight("live", now);
    await database.db.rateLimitCounter.create({ data: { key: "address:status:someone", points: 3, expire: BigInt(now - 1) } });

    const statements: number[] = [];
    const counted = { ...database.db, $executeRawUnsafe: (...args: Parameters<typeof database.db.$executeRawUnsafe>) => database.db.$executeRawUnsafe(...args).then((count) => (statements.push(count), count)) };
    expect(await purgeExpiredSignatures(counted as typeof database.db, now)).toBe(expired);
    expect(statements).toEqual([PURGE_SLICE, 7]);
    const left = (await database.db.rateLimitCounter.findMany({ select: { key: true } })).map((row) => row.key).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toBe("address:status:someone");
    expect(left[1]).toMatch(/^signedQuery:/);
  });
});
