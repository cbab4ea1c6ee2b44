// Reading what a shop has published. Versions are immutable rows; the latest is the highest number.
import type { Db, Prisma } from "../../db.factory";

type ReadDb = Db | Prisma.TransactionClient;

export async function latestPolicyVersion(db: ReadDb, shop: string): Promise<{ version: number; publishedAt: Date } | null> {
  return db.policyVersion.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true },
  });
}
