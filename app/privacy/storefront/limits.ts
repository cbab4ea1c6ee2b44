// How often the storefront may be asked for something, through the App Proxy. Three kinds of limit,
// and a request must pass each:
//  - per address: the shopper's address as far as the App Proxy vouches for it (proxyRequest.ts);
//  - per subject: a status look-up's email and reference (only misses count, so a flood aimed at
//    other people's requests never touches a genuine shopper's), a submission's email;
//  - per shop: a ceiling far above what people produce, so only an attack reaches it.
// A header can be set by whoever sends the request, so the address is never the only limit.
//
// With several instances on one PostgreSQL database every counter lives in the database
// (rate-limiter-flexible's PostgreSQL store, one atomic upsert per check, table RateLimitCounter), so
// the limits are the same as with one instance. SQLite runs as one instance and counts in memory
// (not the memory of used signed queries, which must survive a restart: signedQueries.ts).
// Keys are keyed hashes: no address or email is stored.
import { isIPv4, isIPv6 } from "node:net";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseTarget } from "../../db.target";
import { keyedHash, normaliseEmail } from "../keyedHash";

export type ProxyPurpose = "request" | "status" | "consent" | "verify";
export type Allowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LimitRule {
  points: number;
  durationSeconds: number;
}

const TEN_MINUTES = 600;
const HOUR = 3600;

/** Per shopper address, per purpose. Generous for people, tight for scripts. */
export const ADDRESS_LIMITS: Record<ProxyPurpose, LimitRule> = {
  request: { points: 20, durationSeconds: TEN_MINUTES },
  status: { points: 30, durationSeconds: TEN_MINUTES },
  verify: { points: 20, durationSeconds: TEN_MINUTES },
  // Every page view of a visitor who changes their banner choice may post one.
  consent: { points: 60, durationSeconds: TEN_MINUTES },
};

/** Per shop: only an attack reaches these. Consent is sized for a large shop's sale traffic. */
export const SHOP_LIMITS: Record<ProxyPurpose, LimitRule> = {
  request: { points: 2_000, durationSeconds: TEN_MINUTES },
  status: { points: 3_000, durationSeconds: TEN_MINUTES },
  verify: { points: 2_000, durationSeconds: TEN_MINUTES },
  consent: { points: 60_000, durationSeconds: TEN_MINUTES },
};

/**
 * Per subject. A status look-up that finds nothing counts against the email and the reference it
 * named, so neither can be walked: knowing someone's email does not let anyone try references, nor
 * a reference emails. The owner always has the status link, which these never limit.
 */
export const SUBJECT_LIMITS = {
  lookupEmail: { points: 10, durationSeconds: HOUR },
  lookupReference: { points: 10, durationSeconds: HOUR },
  submissionEmail: { points: 10, durationSeconds: HOUR },
} satisfies Record<string, LimitRule>;

/**
 * A signed App Proxy query is good for 90 s either side of its timestamp (the library's check), and
 * Shopify's signature covers the query, never the body: whoever reads a logged-in shopper's proxied
 * URL (an access log, a proxy) could post anything under their login within that time. A query
 * naming a logged-in customer is therefore remembered for longer than it is good for.
 */
export const SIGNED_QUERY_MEMORY: LimitRule = { points: 1, durationSeconds: 200 };

type LimitName = `address:${ProxyPurpose}` | `shop:${ProxyPurpose}` | keyof typeof SUBJECT_LIMITS | "signedQuery";

function ruleOf(name: LimitName): LimitRule {
  if (name === "signedQuery") return SIGNED_QUERY_MEMORY;
  if (name.startsWith("address:")) return ADDRESS_LIMITS[name.slice(8) as ProxyPurpose];
  if (name.startsWith("shop:")) return SHOP_LIMITS[name.slice(5) as ProxyPurpose];
  return SUBJECT_LIMITS[name as keyof typeof SUBJECT_LIMITS];
}

export interface LimitStore {
  limiter(name: LimitName): RateLimiterAbstract;
}

/** Counters in this process: SQLite's single instance, and unit tests. */
export function memoryLimitStore(): LimitStore {
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  return {
    limiter(name) {
      let limiter = limiters.get(name);
      if (!limiter) {
        const rule = ruleOf(name);
        limiter = new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds });
        limiters.set(name, limiter);
      }
      return limiter;
    },
  };
}

/** Counters in PostgreSQL, shared by every instance using the database. */
export function postgresLimitStore(connectionString: string): LimitStore {
  // A small pool of its own: a check is one statement, and the app's Prisma pool stays for its work.
  const pool = new pg.Pool({ connectionString, max: Number(process.env.RATE_LIMIT_POOL_SIZE || 3), allowExitOnIdle: true });
  // An idle connection the server dropped: the pool opens another; a failing check falls back to
  // the insurance limiter below.
  pool.on("error", () => undefined);
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  return {
    limiter(name) {
      let limiter = limiters.get(name);
      if (!limiter) {
        const rule = ruleOf(name);
        limiter = new RateLimiterPostgres({
          storeClient: pool,
          tableName: "RateLimitCounter",
          tableCreated: true,
          keyPrefix: name,
          points: rule.points,
          duration: rule.durationSeconds,
          // If the database cannot answer, this instance counts alone rather than refusing everyone.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds }),
        });
        limiters.set(name, limiter);
      }
      return limiter;
    },
  };
}

let shared: LimitStore | null = null;

/** The store of the running app: the database's on PostgreSQL, memory on SQLite. */
export function limitStore(): LimitStore {
  if (!shared) {
    const target = databaseTarget(process.env.DATABASE_URL);
    shared = target.provider === "postgresql" ? postgresLimitStore(target.url) : memoryLimitStore();
  }
  return shared;
}

const refusal = (res: RateLimiterRes): Allowance => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });

async function consume(store: LimitStore, name: LimitName, key: string): Promise<Allowance> {
  try {
    await store.limiter(name).consume(key);
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return refusal(error);
    throw error;
  }
}

/** Whether a subject's limit is used up, without counting this request. */
async function exhausted(store: LimitStore, name: LimitName, key: string): Promise<Allowance> {
  const res = await store.limiter(name).get(key);
  if (res && res.consumedPoints >= ruleOf(name).points) return refusal(res);
  return { allowed: true };
}

const subjectKey = (shop: string, kind: string, value: string) => keyedHash("limit", shop, kind, value);
const lookupEmail = (email: string) => normaliseEmail(email.normalize("NFKC"));
const lookupReference = (reference: string) => reference.normalize("NFKC").trim().toUpperCase();

/**
 * What one address limit counts: an IPv4 address, or an IPv6 /64. A single IPv6 subscriber (a home
 * line, a cloud server) is given at least a /64 and may send each request from another of its 2^64
 * addresses, so a limit per IPv6 address limits nothing. An IPv4-mapped IPv6 address is its IPv4
 * address. Anything else (the "unknown" of proxyRequest.ts) is counted as it is.
 */
export function addressBucket(ip: string): string {
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const before = head ? head.split(":") : [];
  const after = tail ? tail.split(":") : [];
  const groups = tail === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill("0"), ...after];
  const words = groups.map((group) => Number.parseInt(group, 16));
  if (words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff) {
    return [words[6] >> 8, words[6] & 255, words[7] >> 8, words[7] & 255].join(".");
  }
  return `${words.slice(0, 4).map((word) => word.toString(16)).join(":")}::/64`;
}

/**
 * The address's allowance for the purpose, then the shop's ceiling. A request refused for its
 * address does not count against the shop, so one noisy address cannot use up the shop's ceiling.
 */
export async function proxyAllowance(purpose: ProxyPurpose, info: { shop: string; ip: string }, store = limitStore()): Promise<Allowance> {
  const address = await consume(store, `address:${purpose}`, keyedHash("ip", info.shop, addressBucket(info.ip)));
  if (!address.allowed) return address;
  return consume(store, `shop:${purpose}`, keyedHash("shop", info.shop));
}

/** Before a reference + email look-up: refused while the email or the reference has missed too often. */
export async function lookupAllowance(shop: string, reference: string, email: string, store = limitStore()): Promise<Allowance> {
  const byEmail = await exhausted(store, "lookupEmail", subjectKey(shop, "email", lookupEmail(email)));
  if (!byEmail.allowed) return byEmail;
  return exhausted(store, "lookupReference", subjectKey(shop, "reference", lookupReference(reference)));
}

/** A look-up found nothing: it counts against both the email and the reference it named. */
export async function recordLookupMiss(shop: string, reference: string, email: string, store = limitStore()): Promise<void> {
  await consume(store, "lookupEmail", subjectKey(shop, "email", lookupEmail(email)));
  await consume(store, "lookupReference", subjectKey(shop, "reference", lookupReference(reference)));
}

/** A submission counts against the email it gives. */
export async function submissionAllowance(shop: string, email: string, store = limitStore()): Promise<Allowance> {
  return consume(store, "submissionEmail", subjectKey(shop, "email", lookupEmail(email)));
}

/**
 * Counts a signed query's key in the store's "signedQuery" limit (signedQueries.ts): true at its
 * first sight within SIGNED_QUERY_MEMORY.
 */
export async function firstSightInLimitStore(key: string, store = limitStore()): Promise<boolean> {
  return (await consume(store, "signedQuery", key)).allowed;
}
