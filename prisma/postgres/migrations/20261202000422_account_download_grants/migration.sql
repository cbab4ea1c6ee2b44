-- CreateTable
CREATE TABLE "AccountDownloadGrant" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountDownloadGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccountDownloadGrant_tokenHash_key" ON "AccountDownloadGrant"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountDownloadGrant_shop_requestId_idx" ON "AccountDownloadGrant"("shop", "requestId");

