-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN "statusTokenHash" TEXT;

-- AlterTable
ALTER TABLE "OutboundMail" ADD COLUMN "sealedLinks" TEXT;

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);

-- CreateIndex
CREATE INDEX "RateLimitCounter_expire_idx" ON "RateLimitCounter"("expire");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_statusTokenHash_idx" ON "PrivacyRequest"("shop", "statusTokenHash");

