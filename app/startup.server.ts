// What must hold before the server takes its first request: SQLite's settings, and every hash key
// that keyed stored rows still in the ring (hashKeyRegistry.ts). A failure stops the start with a
// message that names the variable to set.
import db, { prepareDatabase } from "./db.server";
import { log } from "./log.server";
import { checkHashKeysInUse } from "./privacy/hashKeyRegistry";
import { hashKeyring } from "./privacy/keyedHash";

export async function prepareApp(): Promise<void> {
  await prepareDatabase(db);
  await checkHashKeysInUse(db);
  const ring = hashKeyring();
  // Key ids are derived and tell nothing about the keys; they let an operator match the keys they
  // hold to the ones the database has seen.
  log.info("hash_keys.ready", { current: ring.current.id, ring: ring.ids.join(",") });
}
