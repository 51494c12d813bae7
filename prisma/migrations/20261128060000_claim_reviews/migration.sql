-- CreateEnum
CREATE TYPE "ReviewVerdict" AS ENUM ('CONFIRMED', 'REJECTED');

-- CreateTable
CREATE TABLE "ClaimReview" (
    "claimId" INTEGER NOT NULL,
    "verdict" "ReviewVerdict" NOT NULL,
    "note" TEXT,
    "reviewerKeyId" INTEGER,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimReview_pkey" PRIMARY KEY ("claimId")
);

-- CreateIndex
CREATE INDEX "ClaimReview_reviewerKeyId_idx" ON "ClaimReview"("reviewerKeyId");

-- AddForeignKey
ALTER TABLE "ClaimReview" ADD CONSTRAINT "ClaimReview_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimReview" ADD CONSTRAINT "ClaimReview_reviewerKeyId_fkey" FOREIGN KEY ("reviewerKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

