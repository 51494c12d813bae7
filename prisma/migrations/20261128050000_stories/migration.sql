-- Stories: event mentions (one article's account of one event) grouped into events.
-- Events stored before this keep their reports and get mentions when their articles are grouped again.
-- DropIndex
DROP INDEX "EventReport_eventId_articleId_start_key";

-- AlterTable
ALTER TABLE "EventReport" ADD COLUMN     "mentionId" INTEGER;

-- CreateTable
CREATE TABLE "EventMention" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "kind" "EventKind" NOT NULL,
    "mode" TEXT,
    "status" "EventStatus" NOT NULL,
    "date" TIMESTAMP(3),
    "datePrecision" "DatePrecision",
    "windowStart" INTEGER,
    "windowEnd" INTEGER,
    "locationId" INTEGER,
    "locationText" TEXT,
    "agentIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "targetIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "terms" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "EventMention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EventMention_kind_windowStart_idx" ON "EventMention"("kind", "windowStart");

-- CreateIndex
CREATE INDEX "EventMention_eventId_idx" ON "EventMention"("eventId");

-- CreateIndex
CREATE INDEX "EventMention_articleId_idx" ON "EventMention"("articleId");

-- CreateIndex
CREATE INDEX "EventReport_eventId_id_idx" ON "EventReport"("eventId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "EventReport_mentionId_start_key" ON "EventReport"("mentionId", "start");

-- AddForeignKey
ALTER TABLE "EventMention" ADD CONSTRAINT "EventMention_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventMention" ADD CONSTRAINT "EventMention_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventMention" ADD CONSTRAINT "EventMention_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Actor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventReport" ADD CONSTRAINT "EventReport_mentionId_fkey" FOREIGN KEY ("mentionId") REFERENCES "EventMention"("id") ON DELETE CASCADE ON UPDATE CASCADE;

