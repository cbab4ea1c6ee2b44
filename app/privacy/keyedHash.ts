// Keyed hashes identify a person without storing who they are: the erasure proof, the consent
// ledger's subject for shoppers known only by email or only by the banner's visitor id, and
// duplicate-submission fingerprints.
//
// The key is the app's own (PRIVACY_DESK_HASH_KEY), never the client secret: Shopify's App Proxy
// signature is HMAC-SHA256(client secret, text), so a hash of shopper-chosen text keyed with the
// client secret would sign any query the shopper liked. Each purpose gets its own key, derived with
// HKDF, so no output of one purpose can stand in for another's.
//
// Rotation: writes use the current key; look-ups and erasure try every key in the ring (current,
// previous, then the one legacy value that keyed hashes before keys were derived), so a subject
// hashed under an old key is still found.
import { createHmac, hkdfSync } from "node:crypto";

export type HashPurpose = "subject" | "erasure" | "fingerprint" | "shop" | "ip" | "limit" | "status" | "delivery";

export const HASH_KEY_VARIABLE = "PRIVACY_DESK_HASH_KEY";
export const PREVIOUS_HASH_KEYS_VARIABLE = "PRIVACY_DESK_PREVIOUS_HASH_KEYS";
export const LEGACY_HASH_KEY_VARIABLE = "PRIVACY_DESK_LEGACY_HASH_KEY";
export const MIN_HASH_KEY_BYTES = 32;
export const GENERATE_KEY_HINT = "generate one with `openssl rand -hex 32`";

// Used only when NODE_ENV is "development" or "test" and no key is set; published, so not secret.
// Production refuses to start without a key of its own (readHashKeyring).
const DEVELOPMENT_HASH_KEY = "50726976616379204465736b20646576656c6f706d656e74206b6579202d206e6f742061207365637265740a";

export class HashKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HashKeyError";
  }
}

export interface DerivedKey {
  /** Safe to log and store: derived, it tells nothing about the key. */
  id: string;
  hash(purpose: HashPurpose, text: string): string;
  /** A 256-bit encryption key for one label (mail/sealedLinks.ts); none for the legacy value. */
  sealKey?(label: string): Buffer;
}

export interface HashKeyring {
  current: DerivedKey;
  /** Current first, then previous keys, then the legacy value: the order look-ups try them. */
  all: DerivedKey[];
  /** Ids of every key in the ring (the legacy value is "legacy"). */
  ids: string[];
}

const SALT = Buffer.from("privacy-desk keyed hash v1");

function derivedKey(material: Buffer): DerivedKey {
  const id = Buffer.from(hkdfSync("sha256", material, SALT, "privacy-desk key id", 8)).toString("hex");
  const byPurpose = new Map<HashPurpose, Buffer>();
  return {
    id,
    hash(purpose, text) {
      let key = byPurpose.get(purpose);
      if (!key) {
        key = Buffer.from(hkdfSync("sha256", material, SALT, `privacy-desk keyed hash: ${purpose}`, 32));
        byPurpose.set(purpose, key);
      }
      return createHmac("sha256", key).update(text).digest("hex");
    },
    sealKey: (label) => Buffer.from(hkdfSync("sha256", material, SALT, `privacy-desk sealed: ${label}`, 32)),
  };
}

// Before keys were derived, hashes were HMAC-SHA256(PRIVACY_DESK_HASH_KEY or the client secret,
// purpose and parts). Kept only to find what was stored then; nothing new is written with it.
function legacyKey(secret: string): DerivedKey {
  return {
    id: "legacy",
    hash: (purpose, text) => createHmac("sha256", secret).update(`${purpose}\u001f${text}`).digest("hex"),
  };
}

/** Hex (64+ digits) or base64/base64url of at least 32 bytes that look random. */
export function decodeHashKey(text: string, variable: string): Buffer {
  const value = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0) bytes = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) bytes = Buffer.from(value, "base64");
  if (!bytes || bytes.length < MIN_HASH_KEY_BYTES) {
    throw new HashKeyError(`${variable} must be at least ${MIN_HASH_KEY_BYTES} random bytes, written as hex or base64: ${GENERATE_KEY_HINT}.`);
  }
  // 32 random bytes have about 30 distinct values; a typed placeholder ("aaaa…", "0000…") has few.
  if (new Set(bytes).size < 16) {
    throw new HashKeyError(`${variable} does not look random: ${GENERATE_KEY_HINT}.`);
  }
  return bytes;
}

const allowsDevelopmentKey = (env: NodeJS.ProcessEnv) => env.NODE_ENV === "development" || env.NODE_ENV === "test";

/**
 * The keys from the environment. Throws HashKeyError naming the variable when the current key is
 * missing (outside development and tests) or malformed, or when a key equals the client secret.
 */
export function readHashKeyring(env: NodeJS.ProcessEnv = process.env): HashKeyring {
  const given = env[HASH_KEY_VARIABLE]?.trim();
  if (!given && !allowsDevelopmentKey(env)) {
    throw new HashKeyError(
      `${HASH_KEY_VARIABLE} is not set. Privacy Desk hashes identifiers with a key of its own, never the client secret: ${GENERATE_KEY_HINT} and keep it with the app's other secrets.`,
    );
  }
  const secret = env.SHOPIFY_API_SECRET?.trim();
  if (given && secret && given === secret) {
    throw new HashKeyError(`${HASH_KEY_VARIABLE} must not be the client secret (SHOPIFY_API_SECRET): ${GENERATE_KEY_HINT}.`);
  }
  const current = derivedKey(decodeHashKey(given || DEVELOPMENT_HASH_KEY, HASH_KEY_VARIABLE));
  const previous = (env[PREVIOUS_HASH_KEYS_VARIABLE] ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((text) => derivedKey(decodeHashKey(text, PREVIOUS_HASH_KEYS_VARIABLE)));
  const legacyValue = env[LEGACY_HASH_KEY_VARIABLE]?.trim();
  const all = [current];
  for (const key of previous) if (!all.some((known) => known.id === key.id)) all.push(key);
  if (legacyValue) all.push(legacyKey(legacyValue));
  return { current, all, ids: all.map((key) => key.id) };
}

let cached: { source: string; ring: HashKeyring } | null = null;

/** The ring of the running process, re-read when the environment's keys change (tests do that). */
export function hashKeyring(): HashKeyring {
  const source = [HASH_KEY_VARIABLE, PREVIOUS_HASH_KEYS_VARIABLE, LEGACY_HASH_KEY_VARIABLE, "SHOPIFY_API_SECRET", "NODE_ENV"]
    .map((name) => process.env[name] ?? "")
    .join("\u0000");
  if (cached?.source !== source) cached = { source, ring: readHashKeyring(process.env) };
  return cached.ring;
}

const joined = (parts: string[]) => parts.join("\u001f");

/** The hash to store: under the current key. */
export function keyedHash(purpose: HashPurpose, ...parts: string[]): string {
  return hashKeyring().current.hash(purpose, joined(parts));
}

/**
 * Every hash this input may have been stored under, current key first: for look-ups and erasure,
 * never for writing. Without duplicates.
 */
export function keyedHashes(purpose: HashPurpose, ...parts: string[]): string[] {
  const text = joined(parts);
  return [...new Set(hashKeyring().all.map((key) => key.hash(purpose, text)))];
}

/** Emails compare case-insensitively and without surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The stable hash of a customer within a shop, used in erasure receipts. */
export function customerHash(shop: string, shopifyCustomerId: string): string {
  return keyedHash("erasure", shop, String(shopifyCustomerId));
}

export function customerHashes(shop: string, shopifyCustomerId: string): string[] {
  return keyedHashes("erasure", shop, String(shopifyCustomerId));
}

/** A ledger subject for someone known only by email. */
export function emailSubjectHash(shop: string, email: string): string {
  return keyedHash("subject", shop, normaliseEmail(email));
}

export function emailSubjectHashes(shop: string, email: string): string[] {
  return keyedHashes("subject", shop, normaliseEmail(email));
}

/**
 * A ledger subject for an anonymous storefront visitor, known only by the random id the consent
 * banner keeps in the browser. The "visitor" part keeps it apart from email subjects.
 */
export function visitorSubjectHash(shop: string, visitorId: string): string {
  return keyedHash("subject", shop, "visitor", visitorId);
}

export function visitorSubjectHashes(shop: string, visitorId: string): string[] {
  return keyedHashes("subject", shop, "visitor", visitorId);
}

export function shopHash(shop: string): string {
  return keyedHash("shop", shop.toLowerCase());
}

export function shopHashes(shop: string): string[] {
  return keyedHashes("shop", shop.toLowerCase());
}
