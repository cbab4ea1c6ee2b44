-- CreateTable
CREATE TABLE "HashKeyUse" (
    "keyId" TEXT NOT NULL,
    "firstUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HashKeyUse_pkey" PRIMARY KEY ("keyId")
);


-- Hashes stored before this migration were keyed with PRIVACY_DESK_HASH_KEY or the client secret
-- directly: mark them, so the server asks for that value (PRIVACY_DESK_LEGACY_HASH_KEY) before it
-- runs look-ups and erasures that would otherwise miss them.
INSERT INTO "HashKeyUse" ("keyId", "firstUsedAt", "lastUsedAt")
SELECT 'legacy', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "ConsentRecord" WHERE "subjectKey" LIKE 'email:%' OR "subjectKey" LIKE 'visitor:%')
   OR EXISTS (SELECT 1 FROM "FormSubmission")
   OR EXISTS (SELECT 1 FROM "ErasureReceipt")
   OR EXISTS (SELECT 1 FROM "ProvisionRecord" WHERE "subjectHash" IS NOT NULL);
