-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "duplicateOfId" INTEGER,
ADD COLUMN     "duplicateSimilarity" DOUBLE PRECISION,
ADD COLUMN     "minhash" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- CreateTable
CREATE TABLE "ArticleBand" (
    "articleId" INTEGER NOT NULL,
    "band" INTEGER NOT NULL,

    CONSTRAINT "ArticleBand_pkey" PRIMARY KEY ("articleId","band")
);

-- CreateIndex
CREATE INDEX "ArticleBand_band_idx" ON "ArticleBand"("band");

-- CreateIndex
CREATE INDEX "Article_duplicateOfId_idx" ON "Article"("duplicateOfId");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleBand" ADD CONSTRAINT "ArticleBand_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

