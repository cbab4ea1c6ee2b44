-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "staffNoticeLanguage" TEXT NOT NULL DEFAULT 'ja';

