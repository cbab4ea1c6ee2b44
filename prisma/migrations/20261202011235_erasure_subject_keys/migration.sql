-- DropIndex
DROP INDEX "RequestEvent_shop_idx";

-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN "subjectKey" TEXT;

-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN "emailHash" TEXT;
ALTER TABLE "PrivacyRequest" ADD COLUMN "phoneHash" TEXT;

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_subjectKey_idx" ON "WebhookEvent"("shop", "subjectKey");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_emailHash_idx" ON "PrivacyRequest"("shop", "emailHash");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_phoneHash_idx" ON "PrivacyRequest"("shop", "phoneHash");

-- CreateIndex
CREATE INDEX "RequestEvent_shop_requestId_idx" ON "RequestEvent"("shop", "requestId");

-- CreateIndex
CREATE INDEX "ConsentRecord_shop_shopifyCustomerId_idx" ON "ConsentRecord"("shop", "shopifyCustomerId");

-- CreateIndex
CREATE INDEX "FormSubmission_shop_requestId_idx" ON "FormSubmission"("shop", "requestId");

