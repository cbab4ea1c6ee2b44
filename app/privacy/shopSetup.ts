// What the app does once for a newly installed shop, on the first admin page staff open: read the
// shop's time zone from Shopify (deadlines are days on the shop's calendar), its name and public
// contact address (notices are signed with them until staff enter business details), seed the
// processor register with Shopify's own entries (Shopify holds every shop's data abroad; the
// merchant confirms them before the policy states anything about foreign countries) and mark the
// shop as set up. Until Shopify has answered, the next page load tries again and the default zone
// applies. A shop set up before the name or the country was read has them read once more (the
// country reads a phone written in national form as E.164: dataSubject.ts). A policy published while
// the default zone applied has its storefront dates rewritten in the shop's own zone before the
// shop counts as set up, so the block never keeps a date from the wrong calendar.
import type { Db } from "../db.factory";
import { errorKind, log } from "../log.server";
import { adminQuery, type AdminGraphql } from "./adminApi";
import { isTimeZone, shopTimeZone } from "./shopTime";
import { rewritePublishedPolicyDates } from "./policy/publishPolicy";
import { seedShopifyProcessors } from "./records/processors";

const SHOP_TIME_ZONE = `#graphql
  query PrivacyDeskShopTimeZone {
    shop { ianaTimezone name contactEmail shopAddress { countryCodeV2 } }
  }`;

interface ShopFacts {
  name?: string | null;
  contactEmail?: string | null;
  shopAddress?: { countryCodeV2?: string | null } | null;
}

/** The columns set-up stores from Shopify's answer; "" where Shopify gave none (null means "not read"). */
function shopFacts(shop: ShopFacts | null | undefined) {
  const country = (shop?.shopAddress?.countryCodeV2 ?? "").trim().toUpperCase();
  return {
    shopName: (shop?.name ?? "").trim().slice(0, 200),
    shopContactEmail: (shop?.contactEmail ?? "").trim().slice(0, 200),
    shopCountry: /^[A-Z]{2}$/.test(country) ? country : "",
  };
}

/**
 * Whether set-up has nothing left to read from Shopify. The admin's layout asks this before calling
 * ensureShopSetUp, so a fact added to set-up later (the country) is read for shops set up before it.
 */
export function setUpComplete(settings: { setUpAt: Date | null; shopName: string | null; shopCountry: string | null } | null): boolean {
  return Boolean(settings?.setUpAt) && settings!.shopName !== null && settings!.shopCountry !== null;
}

export interface SetUpResult {
  setUp: boolean;
  timeZone: string | null;
}

/** Idempotent; returns whether this call did the set-up. Shopify failing leaves the shop for the next call. */
export async function ensureShopSetUp(db: Db, shop: string, api: () => Promise<AdminGraphql>, now = new Date()): Promise<SetUpResult> {
  const existing = await db.shopSettings.findUnique({ where: { shop }, select: { setUpAt: true, timeZone: true, shopName: true, shopCountry: true } });
  if (existing && setUpComplete(existing)) return { setUp: false, timeZone: existing.timeZone };
  let timeZone: string | null = null;
  let names: ReturnType<typeof shopFacts>;
  let graphql: AdminGraphql;
  try {
    graphql = await api();
    const data = await adminQuery<{ shop: (ShopFacts & { ianaTimezone: string | null }) | null }>(
      graphql,
      SHOP_TIME_ZONE,
      {},
      { maxThrottleRetries: 0 },
    );
    timeZone = isTimeZone(data.shop?.ianaTimezone) ? data.shop.ianaTimezone : null;
    names = shopFacts(data.shop);
  } catch (error) {
    // Every page load retries quietly for the staff member; the log says why the shop is not set up.
    log.warn("shop_setup.shopify_unavailable", { shop, errorKind: errorKind(error) });
    return { setUp: false, timeZone: existing?.timeZone ?? null };
  }
  if (existing?.setUpAt) {
    // Set up before the names or the country were read: only they are new; the zone stays as first read.
    await db.shopSettings.update({ where: { shop }, data: names });
    return { setUp: false, timeZone: existing.timeZone };
  }
  if (!timeZone) {
    log.warn("shop_setup.no_time_zone", { shop });
    return { setUp: false, timeZone: existing?.timeZone ?? null };
  }
  if (timeZone !== shopTimeZone(existing?.timeZone)) {
    try {
      await rewritePublishedPolicyDates(db, graphql, shop, timeZone);
    } catch (error) {
      // The storefront would keep the old zone's date: the next page load tries the set-up again.
      log.warn("shop_setup.policy_dates_not_rewritten", { shop, errorKind: errorKind(error) });
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
    shop { name contactEmail shopAddress { countryCodeV2 } }
  }`;

/**
 * Reads and stores the shop's name, public contact address (the notices' signature) and country without the
 * rest of the set-up: for a notice about to be sent before any staff member opened the app. Returns
 * the name, or "" when Shopify gave none; Shopify failing throws.
 */
export async function learnShopName(db: Db, shop: string, api: AdminGraphql): Promise<string> {
  const data = await adminQuery<{ shop: ShopFacts | null }>(api, SHOP_NAMES, {}, { maxThrottleRetries: 0 });
  const names = shopFacts(data.shop);
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...names }, update: names });
  return names.shopName;
}
