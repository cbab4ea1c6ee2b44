-- DropIndex
DROP INDEX "WebhookEvent_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_shopifyDataRequestId_idx" ON "PrivacyRequest"("shop", "shopifyDataRequestId");

