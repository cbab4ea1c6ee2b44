// Which hash keys have written to this database. Look-ups and erasure find a subject only under the
// keys in the ring, so dropping a key that still keys stored rows would let those rows escape an
// erasure without any error. The server checks the record against its ring before it listens and
// refuses to start, naming the variable to set, when a key in use is missing.
import type { Db } from "../db.factory";
import {
  HashKeyError,
  LEGACY_HASH_KEY_VARIABLE,
  PREVIOUS_HASH_KEYS_VARIABLE,
  emailSubjectHashes,
  hashKeyring,
  type HashKeyring,
} from "./keyedHash";

export const LEGACY_KEY_ID = "legacy";

/**
 * Throws HashKeyError when a key that keyed stored rows is not in the ring (or the legacy value
 * given does not reproduce what was stored); otherwise records the current key as in use.
 */
export async function checkHashKeysInUse(db: Db, ring: HashKeyring = hashKeyring(), now = new Date()): Promise<void> {
  const used = await db.hashKeyUse.findMany({ orderBy: { firstUsedAt: "asc" } });
  for (const use of used) {
    if (ring.ids.includes(use.keyId)) continue;
    if (use.keyId === LEGACY_KEY_ID) {
      throw new HashKeyError(
        `This database holds hashes made before Privacy Desk derived its keys. Set ${LEGACY_HASH_KEY_VARIABLE} to the value that keyed them: the former PRIVACY_DESK_HASH_KEY, or SHOPIFY_API_SECRET if that was unset at the time. Without it, erasures would miss them.`,
      );
    }
    throw new HashKeyError(
      `Rows in this database were hashed with the key whose id is ${use.keyId}, which is neither PRIVACY_DESK_HASH_KEY nor in ${PREVIOUS_HASH_KEYS_VARIABLE}. Add that key to ${PREVIOUS_HASH_KEYS_VARIABLE}; without it, erasures would miss those rows.`,
    );
  }
  const legacy = used.find((use) => use.keyId === LEGACY_KEY_ID);
  if (legacy && !(await legacyValueReproducesStoredHash(db, ring, legacy.firstUsedAt))) {
    throw new HashKeyError(
      `${LEGACY_HASH_KEY_VARIABLE} does not reproduce the hashes stored before keys were derived: it must be the value that keyed them then (the former PRIVACY_DESK_HASH_KEY, or SHOPIFY_API_SECRET if that was unset).`,
    );
  }
  await markInUse(db, ring.current.id, now);
}

/**
 * A storefront submission made before the change whose request still holds the email lets the
 * legacy value be checked; without such a row there is nothing to check against (true).
 */
async function legacyValueReproducesStoredHash(db: Db, ring: HashKeyring, before: Date): Promise<boolean> {
  const submissions = await db.formSubmission.findMany({
    where: { subjectHash: { not: null }, requestId: { not: null }, createdAt: { lte: before } },
    select: { shop: true, subjectHash: true, requestId: true },
    take: 20,
  });
  for (const submission of submissions) {
    const request = await db.privacyRequest.findFirst({
      where: { id: submission.requestId!, shop: submission.shop, redacted: false, email: { not: "" } },
      select: { email: true },
    });
    if (!request) continue;
    return emailSubjectHashes(submission.shop, request.email).includes(submission.subjectHash!);
  }
  return true;
}

async function markInUse(db: Db, keyId: string, now: Date): Promise<void> {
  const updated = await db.hashKeyUse.updateMany({ where: { keyId }, data: { lastUsedAt: now } });
  if (updated.count > 0) return;
  try {
    await db.hashKeyUse.create({ data: { keyId, firstUsedAt: now, lastUsedAt: now } });
  } catch (error) {
    // Another instance starting at the same moment recorded it first.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
}

