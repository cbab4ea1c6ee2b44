// What the app does once for a newly installed shop, on the first admin page staff open: read the
// shop's time zone from Shopify (deadlines are days on the shop's calendar), its name and public
// contact address (notices are signed with them until staff enter business details), seed the
// processor register with Shopify's own entries (Shopify holds every shop's data abroad; the
// merchant confirms them before the policy states anything about foreign countries) and mark the
// shop as set up. Until Shopify has answered, the next page load tries again and the default zone
// applies. A shop set up before the name was read has it read once more. A policy published while
// the default zone applied has its storefront dates rewritten in the shop's own zone before the
// shop counts as set up, so the block never keeps a date from the wrong calendar.
import type { Db } from "../db.factory";
import { adminQuery, type AdminGraphql } from "./adminApi";
import { isTimeZone, shopTimeZone } from "./shopTime";
import { rewritePublishedPolicyDates } from "./policy/publishPolicy";
import { seedShopifyProcessors } from "./records/processors";

const SHOP_TIME_ZONE = `#graphql
  query PrivacyDeskShopTimeZone {
    shop { ianaTimezone name contactEmail }
  }`;

export interface SetUpResult {
  setUp: boolean;
  timeZone: string | null;
}

/** Idempotent; returns whether this call did the set-up. Shopify failing leaves the shop for the next call. */
export async function ensureShopSetUp(db: Db, shop: string, api: () => Promise<AdminGraphql>, now = new Date()): Promise<SetUpResult> {
  const existing = await db.shopSettings.findUnique({ where: { shop }, select: { setUpAt: true, timeZone: true, shopName: true } });
  if (existing?.setUpAt && existing.shopName !== null) return { setUp: false, timeZone: existing.timeZone };
  let timeZone: string | null = null;
  let names: { shopName: string; shopContactEmail: string };
  let graphql: AdminGraphql;
  try {
    graphql = await api();
    const data = await adminQuery<{ shop: { ianaTimezone: string | null; name?: string | null; contactEmail?: string | null } | null }>(
      graphql,
      SHOP_TIME_ZONE,
      {},
      { maxThrottleRetries: 0 },
    );
    timeZone = isTimeZone(data.shop?.ianaTimezone) ? data.shop.ianaTimezone : null;
    names = { shopName: (data.shop?.name ?? "").trim().slice(0, 200), shopContactEmail: (data.shop?.contactEmail ?? "").trim().slice(0, 200) };
  } catch {
    return { setUp: false, timeZone: existing?.timeZone ?? null };
  }
  if (existing?.setUpAt) {
    // Set up before names were read: only the names are new; the zone stays as first read.
    await db.shopSettings.update({ where: { shop }, data: names });
    return { setUp: false, timeZone: existing.timeZone };
  }
  if (!timeZone) return { setUp: false, timeZone: existing?.timeZone ?? null };
  if (timeZone !== shopTimeZone(existing?.timeZone)) {
    try {
      await rewritePublishedPolicyDates(db, graphql, shop, timeZone);
    } catch {
      // The storefront would keep the old zone's date: the next page load tries the set-up again.
      return { setUp: false, timeZone: existing?.timeZone ?? null };
    }
  }
  await db.$transaction(async (tx) => {
    await seedShopifyProcessors(tx, shop, "system");
    await tx.shopSettings.upsert({
      where: { shop },
      create: { shop, timeZone, setUpAt: now, ...names },
      update: { timeZone, setUpAt: now, ...names },
    });
  });
  return { setUp: true, timeZone };
}

const SHOP_NAMES = `#graphql
  query PrivacyDeskShopNames {
    shop { name contactEmail }
  }`;

/**
 * Reads and stores the shop's name and public contact address (the notices' signature) without the
 * rest of the set-up: for a notice about to be sent before any staff member opened the app. Returns
 * the name, or "" when Shopify gave none; Shopify failing throws.
 */
export async function learnShopName(db: Db, shop: string, api: AdminGraphql): Promise<string> {
  const data = await adminQuery<{ shop: { name?: string | null; contactEmail?: string | null } | null }>(api, SHOP_NAMES, {}, { maxThrottleRetries: 0 });
  const names = { shopName: (data.shop?.name ?? "").trim().slice(0, 200), shopContactEmail: (data.shop?.contactEmail ?? "").trim().slice(0, 200) };
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...names }, update: names });
  return names.shopName;
}
