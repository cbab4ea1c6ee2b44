-- CreateIndex
CREATE INDEX "PrivacyRequest_shop_customerName_idx" ON "PrivacyRequest"("shop", "customerName");

