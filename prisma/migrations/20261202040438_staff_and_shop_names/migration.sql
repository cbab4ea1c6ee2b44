-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "shopContactEmail" TEXT;
ALTER TABLE "ShopSettings" ADD COLUMN "shopName" TEXT;

-- CreateTable
CREATE TABLE "StaffMember" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "userId")
);

