-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "domain" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'installed',
    "scopes" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "businessName" TEXT NOT NULL DEFAULT '',
    "businessAddress" TEXT NOT NULL DEFAULT '',
    "representative" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "staffNotifyEmail" TEXT NOT NULL DEFAULT '',
    "dueDays" INTEGER NOT NULL DEFAULT 14,
    "euDueDays" INTEGER NOT NULL DEFAULT 30,
    "dueSoonDays" INTEGER NOT NULL DEFAULT 3,
    "smtpHost" TEXT NOT NULL DEFAULT '',
    "smtpPort" INTEGER NOT NULL DEFAULT 587,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "smtpUser" TEXT NOT NULL DEFAULT '',
    "smtpPassword" TEXT NOT NULL DEFAULT '',
    "mailFrom" TEXT NOT NULL DEFAULT '',
    "noticeTemplates" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "apiVersion" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "language" TEXT NOT NULL DEFAULT 'ja',
    "inEu" BOOLEAN NOT NULL DEFAULT false,
    "customerName" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "orderName" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL DEFAULT '',
    "requestedChanges" TEXT NOT NULL DEFAULT '{}',
    "deliveryMethod" TEXT NOT NULL DEFAULT 'electronic',
    "isAgent" BOOLEAN NOT NULL DEFAULT false,
    "agentName" TEXT NOT NULL DEFAULT '',
    "agentRelationship" TEXT NOT NULL DEFAULT '',
    "agentAuthorityNote" TEXT NOT NULL DEFAULT '',
    "shopifyCustomerId" TEXT,
    "ordersRequested" TEXT NOT NULL DEFAULT '[]',
    "shopifyDataRequestId" TEXT,
    "identityStatus" TEXT NOT NULL DEFAULT 'unverified',
    "identityMethod" TEXT,
    "identityVerifiedAt" TIMESTAMP(3),
    "identityVerifiedBy" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "extensionReason" TEXT,
    "extendedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "refusalGround" TEXT,
    "decisionNote" TEXT,
    "erasureRequestedAt" TIMESTAMP(3),
    "redacted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "shop" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("shop","year")
);

-- CreateTable
CREATE TABLE "ConsentRecord" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "shopifyCustomerId" TEXT,
    "kind" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "policyVersion" INTEGER,
    "source" TEXT NOT NULL,
    "choiceAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidence" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ConsentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyDraft" (
    "shop" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyDraft_pkey" PRIMARY KEY ("shop","language")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" TEXT NOT NULL DEFAULT '',
    "changeNote" TEXT NOT NULL DEFAULT '',
    "contentHash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "purposesChanged" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormSubmission" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "requestId" TEXT,
    "reference" TEXT,
    "subjectHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureReceipt" (
    "id" TEXT NOT NULL,
    "shopHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectHash" TEXT,
    "outcome" TEXT NOT NULL,
    "counts" TEXT NOT NULL DEFAULT '{}',
    "performedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasureReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMail" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMP(3),
    "input" TEXT NOT NULL DEFAULT '{}',
    "result" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_deliveryKey_key" ON "WebhookEvent"("deliveryKey");

-- CreateIndex
CREATE INDEX "WebhookEvent_status_nextAttemptAt_idx" ON "WebhookEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_status_idx" ON "WebhookEvent"("shop", "status");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_receivedAt_idx" ON "PrivacyRequest"("shop", "receivedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_status_dueAt_idx" ON "PrivacyRequest"("shop", "status", "dueAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_type_receivedAt_idx" ON "PrivacyRequest"("shop", "type", "receivedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_source_receivedAt_idx" ON "PrivacyRequest"("shop", "source", "receivedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_dueAt_idx" ON "PrivacyRequest"("shop", "dueAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_email_idx" ON "PrivacyRequest"("shop", "email");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_shopifyCustomerId_idx" ON "PrivacyRequest"("shop", "shopifyCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyRequest_shop_reference_key" ON "PrivacyRequest"("shop", "reference");

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_at_idx" ON "RequestEvent"("requestId", "at");

-- CreateIndex
CREATE INDEX "RequestEvent_shop_idx" ON "RequestEvent"("shop");

-- CreateIndex
CREATE INDEX "ConsentRecord_shop_subjectKey_kind_choiceAt_idx" ON "ConsentRecord"("shop", "subjectKey", "kind", "choiceAt");

-- CreateIndex
CREATE INDEX "ConsentRecord_shop_recordedAt_idx" ON "ConsentRecord"("shop", "recordedAt");

-- CreateIndex
CREATE INDEX "ConsentRecord_shop_kind_choiceAt_idx" ON "ConsentRecord"("shop", "kind", "choiceAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_shop_version_key" ON "PolicyVersion"("shop", "version");

-- CreateIndex
CREATE INDEX "FormSubmission_shop_fingerprint_createdAt_idx" ON "FormSubmission"("shop", "fingerprint", "createdAt");

-- CreateIndex
CREATE INDEX "FormSubmission_shop_subjectHash_idx" ON "FormSubmission"("shop", "subjectHash");

-- CreateIndex
CREATE INDEX "ErasureReceipt_shopHash_performedAt_idx" ON "ErasureReceipt"("shopHash", "performedAt");

-- CreateIndex
CREATE INDEX "OutboundMail_status_nextAttemptAt_idx" ON "OutboundMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMail_shop_requestId_idx" ON "OutboundMail"("shop", "requestId");

-- CreateIndex
CREATE INDEX "Job_status_nextAttemptAt_idx" ON "Job"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Job_shop_requestId_idx" ON "Job"("shop", "requestId");

-- CreateIndex
CREATE INDEX "AuditEntry_shop_at_idx" ON "AuditEntry"("shop", "at");

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

