// Job handler: parse the payload, call the service, nothing more.
import type { Task } from "graphile-worker";
import { parseJobPayload } from "@/lib/jobs/contracts";
import { processRunRecord } from "@/lib/server/llm/run-record";

export const llmSuggestRecordTask: Task = async (payload) => {
  const { runId, recordId } = parseJobPayload("llm_suggest_record", payload);
  await processRunRecord(runId, recordId);
};
