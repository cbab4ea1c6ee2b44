// Reading what a shop has published. Versions are immutable rows; the latest is the highest number.
import type { Db, Prisma } from "../../db.factory";
import { parsePolicyContent, type PolicyContent } from "./policyDocument";

type ReadDb = Db | Prisma.TransactionClient;

export async function latestPolicyVersion(db: ReadDb, shop: string): Promise<{ version: number; publishedAt: Date } | null> {
  return db.policyVersion.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true },
  });
}

export interface PublishedPolicy {
  version: number;
  publishedAt: Date;
  publishedBy: string;
  changeNote: string;
  contentHash: string;
  purposesChanged: boolean;
  content: PolicyContent;
}

type VersionRow = Awaited<ReturnType<Db["policyVersion"]["findFirstOrThrow"]>>;

const toPublished = (row: VersionRow): PublishedPolicy => ({
  version: row.version,
  publishedAt: row.publishedAt,
  publishedBy: row.publishedBy,
  changeNote: row.changeNote,
  contentHash: row.contentHash,
  purposesChanged: row.purposesChanged,
  content: parsePolicyContent(JSON.parse(row.content)),
});

export async function latestPolicy(db: ReadDb, shop: string): Promise<PublishedPolicy | null> {
  const row = await db.policyVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  return row ? toPublished(row) : null;
}

export async function policyVersionOf(db: ReadDb, shop: string, version: number): Promise<PublishedPolicy | null> {
  if (!Number.isInteger(version) || version < 1) return null;
  const row = await db.policyVersion.findUnique({ where: { shop_version: { shop, version } } });
  return row ? toPublished(row) : null;
}

/** Every version, newest first, without their content (the list on the policy page). */
export async function listPolicyVersions(db: ReadDb, shop: string) {
  return db.policyVersion.findMany({
    where: { shop },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true, publishedBy: true, changeNote: true, contentHash: true, purposesChanged: true },
  });
}

/**
 * The newest version that changed the purposes of use: consents given under an older version
 * were given for other purposes and need renewing (APPI 21(3)). Null when purposes never changed.
 */
export async function lastPurposesChange(db: ReadDb, shop: string): Promise<number | null> {
  const row = await db.policyVersion.findFirst({
    where: { shop, purposesChanged: true },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return row?.version ?? null;
}
