// Annotators' responses: draft, submit, discard, checked against the dataset's questions and written through the
// one settlement of responses (response-settlement.ts): a submit is applied once however often it is retried, counts
// towards the record's distribution, releases the annotator's lease, and, when the record has all the responses it
// needs, sets the human consensus as its final value.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { answerLimitProblems } from "@/lib/datasets/value-limits";
import { parseQuestionValue } from "@/lib/questions";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { recordAccess } from "@/lib/server/services/access";
import { can } from "@/lib/server/policy";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { assertRecordAllows, mayRespond } from "@/lib/server/services/queue-rule";
import { writeResponses } from "@/lib/server/services/response-settlement";

export const responseInputSchema = z
  .object({
    status: z.enum(["draft", "submitted", "discarded"]),
    values: z.record(z.string(), z.unknown()).default({}),
    timeSpentMs: z.number().int().min(0).max(24 * 60 * 60 * 1000).default(0),
  })
  .strict();

export type ResponseInput = z.infer<typeof responseInputSchema>;

/** Checks the values against the questions: unknown names, invalid values, and (on submit) missing required ones. */
export function checkResponseValues(config: DatasetConfig, input: ResponseInput): Record<string, unknown> {
  const problems: ErrorDetail[] = answerLimitProblems(input.values).map((problem) => ({ where: problem.path, message: problem.message }));
  if (problems.length > 0) throw new ValidationError("The response is not valid.", problems);
  const clean: Record<string, unknown> = {};
  const questions = new Map(config.questions.map((question) => [question.name, question]));
  for (const [name, value] of Object.entries(input.values)) {
    const question = questions.get(name);
    if (!question) {
      problems.push({ where: `values.${name}`, message: "unknown question" });
      continue;
    }
    if (value === null || value === undefined || value === "") continue;
    const parsed = parseQuestionValue(question.type, question.settings, value);
    if (parsed.ok) clean[name] = parsed.value;
    else problems.push({ where: `values.${name}`, message: parsed.error });
  }
  if (input.status === "submitted") {
    for (const question of config.questions) {
      if (question.required && clean[question.name] === undefined && !problems.some((p) => p.where === `values.${question.name}`)) {
        problems.push({ where: `values.${question.name}`, message: `"${question.title}" is required to submit` });
      }
    }
  }
  if (problems.length > 0) throw new ValidationError("The response is not valid.", problems);
  return clean;
}

export interface SavedResponse {
  id: string;
  status: "draft" | "submitted" | "discarded";
  submittedCount: number;
  requiredResponses: number;
}

function parseResponseInput(rawInput: unknown): ResponseInput {
  const parsedInput = responseInputSchema.safeParse(rawInput);
  if (!parsedInput.success) {
    throw new ValidationError(
      "The response body is not valid.",
      parsedInput.error.issues.map((issue) => ({ where: issue.path.join(".") || undefined, message: issue.message })),
    );
  }
  return parsedInput.data;
}

export async function saveResponse(actor: Actor, recordId: string, rawInput: unknown): Promise<SavedResponse> {
  // Access first: a record the caller cannot reach answers 404 whatever the body says.
  const access = await recordAccess(actor, recordId, "records.annotate");
  const config = await loadDatasetConfig(access.datasetId);
  return withTransaction(async (client) => {
    // Locking the record serialises every write about it: counts stay exact under concurrent submits.
    await client.query(`SELECT 1 FROM "Record" WHERE id = $1 FOR UPDATE`, [recordId]);
    // The queue's rule (queue-rule.ts), checked under the lock: a record the queue would not serve the caller, and
    // that they did not answer, answers 404 like a missing one, before its body is even read (so no 400 tells them
    // apart). Curators and admins too: a response is a human annotation that goes through the queue.
    await assertRecordAllows(client, recordId, actor.userId, mayRespond);
    const input = parseResponseInput(rawInput);
    const values = checkResponseValues(config, input);
    // The origins follow from what the record view showed the caller: blind mode hides the proposals from annotators,
    // not from those who see every response (records.ts).
    const sawProposals = !config.blind || can(access.role, "responses.viewAll");
    const settled = await writeResponses(
      client,
      config,
      [{ recordId, userId: actor.userId, values, status: input.status, timeSpentMs: input.timeSpentMs, origins: { sawProposals } }],
      { recordsLocked: true },
    );
    const record = settled.records.get(recordId)!;
    return { id: settled.ids[0]!, status: input.status, submittedCount: record.submittedCount, requiredResponses: record.requiredResponses };
  });
}
