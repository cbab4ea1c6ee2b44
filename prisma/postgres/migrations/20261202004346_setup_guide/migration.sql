-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "setupSteps" TEXT NOT NULL DEFAULT '{}';

