-- CreateTable
CREATE TABLE "RecordAssignment" (
    "recordId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
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

-- A member removed from a workspace can no longer annotate its datasets: their assignments there go with the
-- membership, so that no record stays reserved for someone the queue will never serve it to.
CREATE FUNCTION "RecordAssignment_drop_on_membership_delete"() RETURNS trigger AS $$
BEGIN
  DELETE FROM "RecordAssignment" a USING "Dataset" d
  WHERE a."datasetId" = d.id AND d."workspaceId" = OLD."workspaceId" AND a."userId" = OLD."userId";
  RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Membership_drop_assignments" AFTER DELETE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION "RecordAssignment_drop_on_membership_delete"();
