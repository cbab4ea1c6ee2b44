-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "flowTriggersEnabled" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "FlowTriggerEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT,
    "eventKey" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "shopifyCustomerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "FlowTriggerEvent_pkey" PRIMARY KEY ("id")
);

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

