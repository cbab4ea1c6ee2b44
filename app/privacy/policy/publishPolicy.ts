// Publishing: the drafts become an immutable numbered version, and the storefront's copy (an
// app-data metafield the theme block reads) is replaced with it through the Admin API.
import type { Db } from "../../db.factory";
import { adminQuery, assertNoUserErrors, type AdminGraphql, type UserError } from "../adminApi";
import { parsePolicyContent, purposesChanged as comparePurposes, type PolicyContent } from "./policyDocument";
import { policyContentHash } from "./policyHash";
import { loadDraft, discardDrafts } from "./policyDrafts";
import { latestPolicy } from "./publishedPolicy";
import { withRegisterStatement } from "./registerStatement";
import { loadDeskSettings, settingsTimeZone } from "../requests/deskSettings";
import { calendarDateInEveryLocale } from "../calendarDate";

export const POLICY_METAFIELD = { namespace: "privacy_desk", key: "policy", type: "json" } as const;
const MAX_CHANGE_NOTE = 1000;

export class PublishError extends Error {
  constructor(
    message: string,
    readonly code: "change_note_required" | "change_note_too_long" | "unchanged" | "concurrent_publish",
  ) {
    super(message);
    this.name = "PublishError";
  }
}

export interface PublishResult {
  version: number;
  publishedAt: Date;
  contentHash: string;
  purposesChanged: boolean;
}

/**
 * The metafield's value, as the storefront block reads it. The publication date comes written out
 * for each language on the shop's calendar (`publishedDate.ja` 2026年12月2日, `.en` December 2,
 * 2026): Liquid's `date` filter has no Japanese month format and would print the instant as
 * Shopify parses the string, so the block shows these and keeps `publishedAt` for `<time datetime>`.
 */
export function storefrontPolicyValue(version: number, publishedAt: Date, content: PolicyContent, timeZone: string) {
  return {
    version,
    publishedAt: publishedAt.toISOString(),
    publishedDate: calendarDateInEveryLocale(publishedAt, timeZone),
    languages: { ja: content.ja, en: content.en },
  };
}

const INSTALLATION_QUERY = `#graphql
  query PolicyInstallation { currentAppInstallation { id } }`;

const METAFIELDS_SET = `#graphql
  mutation PolicyMetafieldSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id namespace key }
      userErrors { field message code }
    }
  }`;

export async function writePolicyMetafield(api: AdminGraphql, value: unknown): Promise<void> {
  const installation = await adminQuery<{ currentAppInstallation: { id: string } }>(api, INSTALLATION_QUERY);
  const result = await adminQuery<{ metafieldsSet: { userErrors: UserError[] } }>(api, METAFIELDS_SET, {
    metafields: [{ ownerId: installation.currentAppInstallation.id, ...POLICY_METAFIELD, value: JSON.stringify(value) }],
  });
  assertNoUserErrors(result.metafieldsSet);
}

/**
 * Writes the published policy's storefront copy again for a new shop time zone. The block shows the
 * date text the app wrote (Liquid cannot write a Japanese date on the shop's calendar), so when the
 * zone the dates were written in changes, the text must be rewritten, not left until the next
 * publish. Returns whether there was a published policy to rewrite; Shopify failing throws.
 */
export async function rewritePublishedPolicyDates(db: Db, api: AdminGraphql, shop: string, timeZone: string): Promise<boolean> {
  const published = await latestPolicy(db, shop);
  if (!published) return false;
  await writePolicyMetafield(api, storefrontPolicyValue(published.version, published.publishedAt, published.content, timeZone));
  return true;
}

export interface PublishInput {
  shop: string;
  changeNote: string;
  publishedBy: string;
  /** Content to publish; the saved drafts when omitted. */
  content?: unknown;
  now?: Date;
}

export async function publishPolicy(db: Db, api: AdminGraphql, input: PublishInput): Promise<PublishResult> {
  const changeNote = input.changeNote.trim();
  if (!changeNote) throw new PublishError("A change note is required", "change_note_required");
  if (changeNote.length > MAX_CHANGE_NOTE) throw new PublishError(`The change note is longer than ${MAX_CHANGE_NOTE} characters`, "change_note_too_long");
  // Whatever the caller passes, the security section states the register as it is at publishing.
  const submitted = parsePolicyContent(input.content ?? (await loadDraft(db, input.shop)).content);
  const content = parsePolicyContent(await withRegisterStatement(db, input.shop, submitted));
  const previous = await latestPolicy(db, input.shop);
  const contentHash = policyContentHash(content);
  if (previous && previous.contentHash === contentHash) throw new PublishError("Nothing changed since the published version", "unchanged");
  const version = (previous?.version ?? 0) + 1;
  const publishedAt = input.now ?? new Date();
  const changed = comparePurposes(previous?.content ?? null, content);

  let created;
  try {
    created = await db.policyVersion.create({
      data: {
        shop: input.shop,
        version,
        publishedAt,
        publishedBy: input.publishedBy,
        changeNote,
        contentHash,
        content: JSON.stringify(content),
        purposesChanged: changed,
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new PublishError("Another publish took this version number", "concurrent_publish");
    throw error;
  }
  try {
    const timeZone = settingsTimeZone(await loadDeskSettings(db, input.shop));
    await writePolicyMetafield(api, storefrontPolicyValue(version, publishedAt, content, timeZone));
  } catch (error) {
    // The storefront never showed this version, so it was never published: withdraw the row.
    await db.policyVersion.delete({ where: { id: created.id } });
    throw error;
  }
  await discardDrafts(db, input.shop);
  return { version, publishedAt, contentHash, purposesChanged: changed };
}
