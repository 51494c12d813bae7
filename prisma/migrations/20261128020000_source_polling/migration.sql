-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "etag" TEXT,
ADD COLUMN     "itemsImported" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "itemsSeen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastFetchedAt" TIMESTAMP(3),
ADD COLUMN     "lastModified" TEXT,
ADD COLUMN     "lastStatus" INTEGER,
ADD COLUMN     "nextPollAt" TIMESTAMP(3),
ADD COLUMN     "paused" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pollIntervalSeconds" INTEGER NOT NULL DEFAULT 900,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Source_paused_nextPollAt_idx" ON "Source"("paused", "nextPollAt");

