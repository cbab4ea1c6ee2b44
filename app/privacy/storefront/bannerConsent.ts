// The consent banner's choice, as the ledger records it: one row per kind, in one transaction.
// A logged-in customer's choice is recorded against the customer; an anonymous visitor's against
// the keyed hash of the random id the banner keeps in the browser (see consent/subject.ts).
import type { Db } from "../../db.factory";
import { recordConsent } from "../consent/ledger";
import { parseVisitorId } from "../consent/subject";

export interface BannerChoice {
  analytics: boolean;
  marketing: boolean;
  preferences: boolean;
  sale_of_data: boolean;
  policyVersion: number | null;
}

const KINDS = ["analytics", "marketing", "preferences", "sale_of_data"] as const;

const asBoolean = (value: unknown): boolean | null =>
  value === true || value === "true" || value === "1" ? true : value === false || value === "false" || value === "0" ? false : null;

export function parseBannerChoice(fields: Record<string, unknown>): BannerChoice | null {
  const values = KINDS.map((kind) => asBoolean(fields[kind]));
  if (values.some((value) => value === null)) return null;
  const version = fields.policy_version;
  const policyVersion = version === null || version === undefined || version === "" ? null : Number(version);
  if (policyVersion !== null && (!Number.isInteger(policyVersion) || policyVersion < 1)) return null;
  const [analytics, marketing, preferences, saleOfData] = values as boolean[];
  return { analytics, marketing, preferences, sale_of_data: saleOfData, policyVersion };
}

/**
 * The banner's `visitor_id` field: absent (the browser blocks storage, or an older banner) is
 * `{ visitorId: null }`; anything present must be a well-formed id, or the whole report is refused.
 */
export function parseBannerVisitorId(fields: Record<string, unknown>): { ok: true; visitorId: string | null } | { ok: false } {
  const value = fields.visitor_id;
  if (value === undefined || value === null || value === "") return { ok: true, visitorId: null };
  const visitorId = parseVisitorId(value);
  return visitorId ? { ok: true, visitorId } : { ok: false };
}

/** Who made the banner choice: the logged-in customer, or else the anonymous visitor's id. */
export type BannerChooser = { customerId: string } | { visitorId: string };

export async function recordBannerChoice(db: Db, input: { shop: string; chooser: BannerChooser; choice: BannerChoice; now?: Date }): Promise<void> {
  const choiceAt = input.now ?? new Date();
  const who = "customerId" in input.chooser ? { shopifyCustomerId: input.chooser.customerId } : { visitorId: input.chooser.visitorId };
  await db.$transaction(async (tx) => {
    for (const kind of KINDS) {
      await recordConsent(tx, {
        shop: input.shop,
        ...who,
        kind,
        granted: input.choice[kind],
        ...(input.choice.policyVersion ? { policyVersion: input.choice.policyVersion } : {}),
        source: "consent_banner",
        choiceAt,
        evidence: "storefront consent banner",
      });
    }
  });
}

/**
 * Whether the version a banner choice names was ever published by this shop. A choice citing a
 * version that never existed is refused (422) rather than written to the ledger as evidence.
 */
export async function isPublishedPolicyVersion(db: Db, shop: string, version: number): Promise<boolean> {
  return (await db.policyVersion.count({ where: { shop, version } })) > 0;
}
