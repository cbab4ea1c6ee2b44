-- CreateTable
CREATE TABLE "FlowTriggerEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT,
    "eventKey" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "shopifyCustomerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
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
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ShopSettings" ("businessAddress", "businessName", "contactEmail", "contactPhone", "dueDays", "dueSoonDays", "euDueDays", "mailFrom", "noticeTemplates", "representative", "setUpAt", "shop", "smtpHost", "smtpPassword", "smtpPort", "smtpSecure", "smtpUser", "staffNoticeLanguage", "staffNotifyEmail", "timeZone", "updatedAt") SELECT "businessAddress", "businessName", "contactEmail", "contactPhone", "dueDays", "dueSoonDays", "euDueDays", "mailFrom", "noticeTemplates", "representative", "setUpAt", "shop", "smtpHost", "smtpPassword", "smtpPort", "smtpSecure", "smtpUser", "staffNoticeLanguage", "staffNotifyEmail", "timeZone", "updatedAt" FROM "ShopSettings";
DROP TABLE "ShopSettings";
ALTER TABLE "new_ShopSettings" RENAME TO "ShopSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_status_nextAttemptAt_idx" ON "FlowTriggerEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_shop_createdAt_idx" ON "FlowTriggerEvent"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_shop_requestId_idx" ON "FlowTriggerEvent"("shop", "requestId");

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_shop_shopifyCustomerId_idx" ON "FlowTriggerEvent"("shop", "shopifyCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerEvent_shop_eventKey_key" ON "FlowTriggerEvent"("shop", "eventKey");

