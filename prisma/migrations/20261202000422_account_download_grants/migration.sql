-- CreateTable
CREATE TABLE "AccountDownloadGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "AccountDownloadGrant_tokenHash_key" ON "AccountDownloadGrant"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountDownloadGrant_shop_requestId_idx" ON "AccountDownloadGrant"("shop", "requestId");

