-- Fuzzy actor names need pg_trgm: contrib in PostgreSQL, bundled with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable (hand-written: Prisma has no syntax for generated columns)
ALTER TABLE "Claim" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce("quote", '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce("content", '')), 'B')
) STORED;

-- AlterTable
ALTER TABLE "EventReport" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    to_tsvector('english'::regconfig, coalesce("sentence", ''))
) STORED;

-- CreateIndex
CREATE INDEX "ActorAlias_alias_trgm_idx" ON "ActorAlias" USING GIN ("alias" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Claim_search_idx" ON "Claim" USING GIN ("search");

-- CreateIndex
CREATE INDEX "EventReport_search_idx" ON "EventReport" USING GIN ("search");
