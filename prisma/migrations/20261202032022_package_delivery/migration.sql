-- CreateTable
CREATE TABLE "PackageDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "tokenHash" TEXT,
    "expiresAt" DATETIME,
    "maxDownloads" INTEGER NOT NULL DEFAULT 0,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "firstDownloadedAt" DATETIME,
    "lastDownloadedAt" DATETIME,
    "codeHash" TEXT,
    "codeExpiresAt" DATETIME,
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME,
    "sentVia" TEXT,
    "sentNote" TEXT NOT NULL DEFAULT '',
    "sentBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "businessName" TEXT NOT NULL DEFAULT '',
    "businessAddress" TEXT NOT NULL DEFAULT '',
    "representative" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "staffNotifyEmail" TEXT NOT NULL DEFAULT '',
    "dueDays" INTEGER NOT NULL DEFAULT 14,
    "euDueDays" INTEGER NOT NULL DEFAULT 30,
    "dueSoonDays" INTEGER NOT NULL DEFAULT 3,
    "staffNoticeLanguage" TEXT NOT NULL DEFAULT 'ja',
    "smtpHost" TEXT NOT NULL DEFAULT '',
    "smtpPort" INTEGER NOT NULL DEFAULT 587,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "smtpUser" TEXT NOT NULL DEFAULT '',
    "smtpPassword" TEXT NOT NULL DEFAULT '',
    "mailFrom" TEXT NOT NULL DEFAULT '',
    "noticeTemplates" TEXT NOT NULL DEFAULT '{}',
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    "setUpAt" DATETIME,
    "flowTriggersEnabled" BOOLEAN NOT NULL DEFAULT true,
    "setupSteps" TEXT NOT NULL DEFAULT '{}',
    "downloadDays" INTEGER NOT NULL DEFAULT 14,
    "downloadLimit" INTEGER NOT NULL DEFAULT 5,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ShopSettings" ("businessAddress", "businessName", "contactEmail", "contactPhone", "dueDays", "dueSoonDays", "euDueDays", "flowTriggersEnabled", "mailFrom", "noticeTemplates", "representative", "setUpAt", "setupSteps", "shop", "smtpHost", "smtpPassword", "smtpPort", "smtpSecure", "smtpUser", "staffNoticeLanguage", "staffNotifyEmail", "timeZone", "updatedAt") SELECT "businessAddress", "businessName", "contactEmail", "contactPhone", "dueDays", "dueSoonDays", "euDueDays", "flowTriggersEnabled", "mailFrom", "noticeTemplates", "representative", "setUpAt", "setupSteps", "shop", "smtpHost", "smtpPassword", "smtpPort", "smtpSecure", "smtpUser", "staffNoticeLanguage", "staffNotifyEmail", "timeZone", "updatedAt" FROM "ShopSettings";
DROP TABLE "ShopSettings";
ALTER TABLE "new_ShopSettings" RENAME TO "ShopSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PackageDelivery_requestId_key" ON "PackageDelivery"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "PackageDelivery_tokenHash_key" ON "PackageDelivery"("tokenHash");

-- CreateIndex
CREATE INDEX "PackageDelivery_shop_requestId_idx" ON "PackageDelivery"("shop", "requestId");

