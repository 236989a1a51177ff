-- CreateTable
CREATE TABLE "RecordAssignment" (
    "recordId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "uncertainty" DOUBLE PRECISION,
    "importOrder" INTEGER NOT NULL,
    "answered" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordAssignment_pkey" PRIMARY KEY ("recordId","userId")
);

-- CreateIndex
CREATE INDEX "RecordAssignment_userId_datasetId_idx" ON "RecordAssignment"("userId", "datasetId");

-- CreateIndex
CREATE INDEX "RecordAssignment_datasetId_idx" ON "RecordAssignment"("datasetId");

-- AddForeignKey
ALTER TABLE "RecordAssignment" ADD CONSTRAINT "RecordAssignment_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordAssignment" ADD CONSTRAINT "RecordAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An annotator's assigned records still waiting for their answer, in queue order: the claim reads the first servable
-- one from here. Partial, so answered assignments drop out. Hand-written: Prisma cannot express it.
CREATE INDEX "RecordAssignment_queue_idx" ON "RecordAssignment" ("userId", "datasetId", "uncertainty" DESC NULLS LAST, "importOrder")
  WHERE NOT "answered";

-- AlterTable
ALTER TABLE "Record" ADD COLUMN "assigneeCount" INTEGER NOT NULL DEFAULT 0;
