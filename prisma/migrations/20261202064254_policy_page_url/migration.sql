-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "policyPageUrl" TEXT NOT NULL DEFAULT '';
