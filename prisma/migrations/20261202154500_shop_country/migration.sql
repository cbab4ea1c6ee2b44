-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "shopCountry" TEXT;
