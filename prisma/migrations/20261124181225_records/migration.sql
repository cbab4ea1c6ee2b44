-- CreateTable
CREATE TABLE "ProvisionRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "firstProvidedAt" DATETIME NOT NULL,
    "lastProvidedAt" DATETIME NOT NULL,
    "continuous" BOOLEAN NOT NULL DEFAULT false,
    "counterpartyName" TEXT NOT NULL,
    "counterpartyAddress" TEXT NOT NULL DEFAULT '',
    "counterpartyRepresentative" TEXT NOT NULL DEFAULT '',
    "shopifyCustomerId" TEXT,
    "subjectHash" TEXT,
    "subjectLabel" TEXT NOT NULL DEFAULT '',
    "items" TEXT NOT NULL DEFAULT '[]',
    "basis" TEXT NOT NULL,
    "basisNote" TEXT NOT NULL DEFAULT '',
    "acquisitionNote" TEXT NOT NULL DEFAULT '',
    "contractServesAsRecord" BOOLEAN NOT NULL DEFAULT false,
    "retentionEndsAt" DATETIME NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Processor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL DEFAULT '',
    "safeguards" TEXT NOT NULL DEFAULT '',
    "dataKinds" TEXT NOT NULL DEFAULT '[]',
    "seedKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BreachIncident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "discoveredAt" DATETIME NOT NULL,
    "occurredAt" DATETIME,
    "dataKinds" TEXT NOT NULL DEFAULT '[]',
    "peopleCount" INTEGER NOT NULL DEFAULT 0,
    "cause" TEXT NOT NULL DEFAULT '',
    "triggerSensitive" BOOLEAN NOT NULL DEFAULT false,
    "triggerFinancial" BOOLEAN NOT NULL DEFAULT false,
    "triggerMalicious" BOOLEAN NOT NULL DEFAULT false,
    "triggerOverThousand" BOOLEAN NOT NULL DEFAULT false,
    "euResidents" BOOLEAN NOT NULL DEFAULT false,
    "reportDue" BOOLEAN NOT NULL DEFAULT false,
    "preliminaryDueAt" DATETIME,
    "finalDueAt" DATETIME,
    "gdprDueAt" DATETIME,
    "preliminaryReportedAt" DATETIME,
    "finalReportedAt" DATETIME,
    "gdprReportedAt" DATETIME,
    "reportFields" TEXT NOT NULL DEFAULT '{}',
    "noticeStatus" TEXT NOT NULL DEFAULT 'not_started',
    "noticeSentAt" DATETIME,
    "noticeNote" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "timeline" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProvisionRecord_shop_direction_lastProvidedAt_idx" ON "ProvisionRecord"("shop", "direction", "lastProvidedAt");

-- CreateIndex
CREATE INDEX "ProvisionRecord_shop_retentionEndsAt_idx" ON "ProvisionRecord"("shop", "retentionEndsAt");

-- CreateIndex
CREATE INDEX "ProvisionRecord_shop_shopifyCustomerId_idx" ON "ProvisionRecord"("shop", "shopifyCustomerId");

-- CreateIndex
CREATE INDEX "ProvisionRecord_shop_subjectHash_idx" ON "ProvisionRecord"("shop", "subjectHash");

-- CreateIndex
CREATE INDEX "Processor_shop_name_idx" ON "Processor"("shop", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Processor_shop_seedKey_key" ON "Processor"("shop", "seedKey");

-- CreateIndex
CREATE INDEX "BreachIncident_shop_status_discoveredAt_idx" ON "BreachIncident"("shop", "status", "discoveredAt");

