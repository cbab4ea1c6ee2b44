-- CreateIndex
CREATE INDEX "ErasureReceipt_shopHash_subjectHash_idx" ON "ErasureReceipt"("shopHash", "subjectHash");
