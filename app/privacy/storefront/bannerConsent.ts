// The consent banner's choice, as the ledger records it: one row per kind, in one transaction.
import type { Db } from "../../db.factory";
import { recordConsent } from "../consent/ledger";

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

export async function recordBannerChoice(db: Db, input: { shop: string; customerId: string; choice: BannerChoice; now?: Date }): Promise<void> {
  const choiceAt = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    for (const kind of KINDS) {
      await recordConsent(tx, {
        shop: input.shop,
        shopifyCustomerId: input.customerId,
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
