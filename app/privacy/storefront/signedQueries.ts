// The memory of signed App Proxy queries already used (shopify.server.ts, singleSignedParameters):
// a logged-in shopper's query is good for one post. What is remembered must outlive the process,
// or a restart (a deploy, a crash) within the 90 s a captured query stays valid lets it be posted
// once more.
//  - PostgreSQL: the limits' store (limits.ts), whose rows every instance shares.
//  - SQLite: a row of the same table, RateLimitCounter, in the same shape as PostgreSQL's store
//    (key, points, expire in ms since the epoch), written by one statement on the thread that
//    answers HTTP; the background work purges expired rows (signedQueryPurgeLoop.server.ts). The
//    rate limits themselves stay in memory on SQLite: losing a count costs a few requests, not a
//    post under someone's login.
// Only a keyed hash of the signature is kept: the signature would let its reader post once more
// wherever it is not yet remembered.
import type { Db } from "../../db.factory";
import { directSql, type ArgType } from "../../db.directSql";
import { databaseTarget } from "../../db.target";
import { keyedHash } from "../keyedHash";
import { firstSightInLimitStore, limitStore, SIGNED_QUERY_MEMORY, type LimitStore } from "./limits";

export interface SeenSignatures {
  /** Records the key; true when it was not remembered (never seen, or its memory expired). */
  firstSight(key: string, nowMs: number): Promise<boolean>;
}

/** The row's key: the PostgreSQL store's `<prefix>:<key>`, so the table reads alike on both databases. */
const KEY_PREFIX = "signedQuery:";
const MEMORY_MS = SIGNED_QUERY_MEMORY.durationSeconds * 1000;

const TEXT: ArgType = { scalarType: "string", arity: "scalar" };
const BIGINT: ArgType = { scalarType: "bigint", arity: "scalar" };

/** Through the limits' store: PostgreSQL's shared rows (or memory, in unit tests). */
export function limiterSeenSignatures(store: LimitStore = limitStore()): SeenSignatures {
  return { firstSight: (key) => firstSightInLimitStore(key, store) };
}

/**
 * In SQLite's RateLimitCounter. One statement, atomic under SQLite's write lock: a new key is
 * inserted, an expired one starts over, and a live one is left as it is and returns no row. Its
 * expiry is not extended by a replay: it counts from the first sight, past the query's validity.
 */
export function sqliteSeenSignatures(db: Db): SeenSignatures {
  return {
    async firstSight(key, nowMs) {
      const rows = await directSql(db).query(
        `INSERT INTO "RateLimitCounter" ("key", "points", "expire") VALUES ($1, 1, $2)
         ON CONFLICT ("key") DO UPDATE SET "points" = 1, "expire" = excluded."expire"
         WHERE "RateLimitCounter"."expire" <= $3
         RETURNING "key"`,
        [KEY_PREFIX + key, BigInt(nowMs + MEMORY_MS), BigInt(nowMs)],
        [TEXT, BIGINT, BIGINT],
      );
      return rows.length > 0;
    },
  };
}

/** How many expired rows one purge statement removes: a short hold of the write lock each. */
export const PURGE_SLICE = 500;

/**
 * Removes expired seen-signature rows in slices, so the table holds at most what 200 s of
 * logged-in traffic leaves. Returns how many went. Only this prefix: on PostgreSQL the store purges
 * its own rows, and on SQLite no other limit writes here.
 */
export async function purgeExpiredSignatures(db: Db, nowMs: number, stopping: () => boolean = () => false): Promise<number> {
  let purged = 0;
  for (;;) {
    const removed = await db.$executeRawUnsafe(
      `DELETE FROM "RateLimitCounter" WHERE "key" IN (SELECT "key" FROM "RateLimitCounter" WHERE "expire" <= ? AND substr("key", 1, ${KEY_PREFIX.length}) = '${KEY_PREFIX}' LIMIT ${PURGE_SLICE})`,
      BigInt(nowMs),
    );
    purged += removed;
    if (removed < PURGE_SLICE || stopping()) return purged;
  }
}

/** The app's memory: the limits' store on PostgreSQL, the database's table on SQLite. */
export function seenSignatures(db: Db, provider = databaseTarget(process.env.DATABASE_URL).provider): SeenSignatures {
  return provider === "postgresql" ? limiterSeenSignatures() : sqliteSeenSignatures(db);
}

/**
 * Records a signed query's signature and tells whether this is its first use, on every instance
 * and across restarts. Only a keyed hash of the signature is kept.
 */
export async function firstUseOfSignedQuery(shop: string, signature: string, seen: SeenSignatures, nowMs = Date.now()): Promise<boolean> {
  return seen.firstSight(keyedHash("limit", shop, "signature", signature), nowMs);
}
