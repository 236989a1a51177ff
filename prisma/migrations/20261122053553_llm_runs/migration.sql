-- CreateEnum
CREATE TYPE "LlmRunStatus" AS ENUM ('running', 'paused', 'cancelled', 'completed');

-- CreateEnum
CREATE TYPE "LlmRunItemStatus" AS ENUM ('pending', 'done');

-- AlterTable
ALTER TABLE "LlmProvider" ADD COLUMN     "capabilities" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "runId" UUID;

-- CreateTable
CREATE TABLE "LlmRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "datasetId" UUID NOT NULL,
    "createdById" UUID,
    "status" "LlmRunStatus" NOT NULL DEFAULT 'running',
    "settings" JSONB NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "pauseReason" TEXT,
    "totalRecords" INTEGER NOT NULL DEFAULT 0,
    "doneRecords" INTEGER NOT NULL DEFAULT 0,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "failedCalls" INTEGER NOT NULL DEFAULT 0,
    "suggestions" INTEGER NOT NULL DEFAULT 0,
    "unparseable" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "failureStreak" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LlmRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmRunItem" (
    "runId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "status" "LlmRunItemStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "LlmRunItem_pkey" PRIMARY KEY ("runId","recordId")
);

-- CreateTable
CREATE TABLE "LlmProviderLease" (
    "providerId" UUID NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LlmProviderLease_pkey" PRIMARY KEY ("providerId","slot")
);

-- CreateTable
CREATE TABLE "LlmProviderBucket" (
    "providerId" UUID NOT NULL,
    "requests" DOUBLE PRECISION NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LlmProviderBucket_pkey" PRIMARY KEY ("providerId")
);

-- CreateIndex
CREATE INDEX "LlmRun_datasetId_createdAt_idx" ON "LlmRun"("datasetId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LlmRunItem_runId_status_idx" ON "LlmRunItem"("runId", "status");

-- AddForeignKey
ALTER TABLE "LlmRun" ADD CONSTRAINT "LlmRun_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmRun" ADD CONSTRAINT "LlmRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmRunItem" ADD CONSTRAINT "LlmRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LlmRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmRunItem" ADD CONSTRAINT "LlmRunItem_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmProviderLease" ADD CONSTRAINT "LlmProviderLease_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "LlmProvider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmProviderBucket" ADD CONSTRAINT "LlmProviderBucket_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "LlmProvider"("id") ON DELETE CASCADE ON UPDATE CASCADE;
