-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "setUpAt" TIMESTAMP(3),
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Asia/Tokyo';

