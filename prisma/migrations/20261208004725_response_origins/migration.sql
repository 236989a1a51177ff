-- Issue 13: a response records per question whether the person confirmed the proposal of the LLMs, changed it, or
-- wrote the value without one (Response.origins, empty for older responses: unknown). A human consensus made only of
-- confirmations gets its own provenance, human_confirmed, so exports and agreement can tell it from answers people
-- gave themselves.
-- AlterEnum
ALTER TYPE "Provenance" ADD VALUE 'human_confirmed';

-- AlterTable
ALTER TABLE "Response" ADD COLUMN     "origins" JSONB NOT NULL DEFAULT '{}';
