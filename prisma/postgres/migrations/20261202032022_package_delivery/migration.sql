-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "downloadDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "downloadLimit" INTEGER NOT NULL DEFAULT 5;

-- CreateTable
CREATE TABLE "PackageDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "tokenHash" TEXT,
    "expiresAt" TIMESTAMP(3),
    "maxDownloads" INTEGER NOT NULL DEFAULT 0,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "firstDownloadedAt" TIMESTAMP(3),
    "lastDownloadedAt" TIMESTAMP(3),
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "sentVia" TEXT,
    "sentNote" TEXT NOT NULL DEFAULT '',
    "sentBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackageDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PackageDelivery_requestId_key" ON "PackageDelivery"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "PackageDelivery_tokenHash_key" ON "PackageDelivery"("tokenHash");

-- CreateIndex
CREATE INDEX "PackageDelivery_shop_requestId_idx" ON "PackageDelivery"("shop", "requestId");

