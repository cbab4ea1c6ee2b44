// Who acted, by name. Actors are stored as `staff:<Shopify user id>` (an id never changes, a name
// may); the names are looked up when a page is shown. Shopify tells the app a staff member's name
// only with an online access token (token exchange's associated_user); reading StaffMember through
// the Admin API needs read_users, which Shopify grants only on Plus/Advanced stores on request.
import type { Db } from "../../db.factory";

/** A name older than this is asked for again, so a renamed staff member shows their new name. */
export const STAFF_NAME_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface StaffName {
  firstName: string;
  lastName: string;
}

/** The Shopify user id in an actor, or null when the actor is not one staff member. */
export function staffUserId(actor: string): string | null {
  const match = /^staff:(\d+)$/.exec(actor);
  return match ? match[1] : null;
}

/** Whether the app should ask Shopify for this staff member's name now. */
export async function staffNameWanted(db: Db, shop: string, userId: string, now = new Date()): Promise<boolean> {
  const known = await db.staffMember.findUnique({ where: { shop_userId: { shop, userId } }, select: { updatedAt: true } });
  return !known || now.getTime() - known.updatedAt.getTime() > STAFF_NAME_MAX_AGE_MS;
}

export async function recordStaffName(db: Db, shop: string, userId: string, name: StaffName): Promise<void> {
  const data = { firstName: name.firstName.trim().slice(0, 100), lastName: name.lastName.trim().slice(0, 100) };
  if (!data.firstName && !data.lastName) return;
  await db.staffMember.upsert({ where: { shop_userId: { shop, userId } }, create: { shop, userId, ...data }, update: data });
}

const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * A name as its owner writes it, in either language of the page: a name in Japanese script family
 * name first ("井上 美咲"), any other given name first ("Emma Fischer"), as Shopify admin shows them.
 */
export function formatStaffName(name: StaffName): string {
  const japanese = JAPANESE_SCRIPT.test(name.lastName) || JAPANESE_SCRIPT.test(name.firstName);
  const parts = japanese ? [name.lastName, name.firstName] : [name.firstName, name.lastName];
  return parts.filter((part) => part.trim()).join(" ");
}

/**
 * The names of the staff among the given actors, keyed by actor (`staff:42`), for one shop only.
 * Actors whose name the app never learnt are absent: the page says "staff" for them.
 */
export async function staffNamesFor(db: Db, shop: string, actors: Iterable<string | null | undefined>): Promise<Record<string, StaffName>> {
  const ids = new Set<string>();
  for (const actor of actors) {
    const id = actor ? staffUserId(actor) : null;
    if (id) ids.add(id);
  }
  if (ids.size === 0) return {};
  const rows = await db.staffMember.findMany({ where: { shop, userId: { in: [...ids] } }, select: { userId: true, firstName: true, lastName: true } });
  return Object.fromEntries(rows.map((row) => [`staff:${row.userId}`, { firstName: row.firstName, lastName: row.lastName }]));
}

/** The names as the page shows them, keyed by actor. */
export function formatStaffNames(names: Record<string, StaffName>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [actor, name] of Object.entries(names)) {
    const text = formatStaffName(name);
    if (text) out[actor] = text;
  }
  return out;
}
