-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "shopContactEmail" TEXT,
ADD COLUMN     "shopName" TEXT;

-- CreateTable
CREATE TABLE "StaffMember" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("shop","userId")
);

