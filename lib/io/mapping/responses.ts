// Responses in imported records: `{user, status, values, origins?}` as in DESIGN.md's record format (`origins`: per
// question, confirmed, changed or written, as Sift's exports write it; an answer without one is imported as written). Checked here because
// record-format.ts's `recordInputSchema` has no `responses` key yet; once it has, this moves there. Unlike a
// suggestion (where an invalid value is a legitimate "unparseable" vote), a response value must be valid for its
// question.
import { z } from "zod";
import { answerLimitProblems } from "@/lib/datasets/value-limits";
import type { IoDataset } from "@/lib/io/formats/dataset";
import { RESPONSE_STATUSES, type ExportResponse, type ResponseStatus } from "@/lib/io/export-shapes/export-record";
import type { RecordProblem } from "@/lib/io/record-format";
import { ANSWER_ORIGINS, parseQuestionValue, type AnswerOrigin, type AnswerOrigins } from "@/lib/questions";
import { formatPath } from "@/lib/questions/errors";

export type ResponseInput = ExportResponse;

export const responseInputSchema = z
  .object({
    user: z.string().trim().min(1).max(200),
    status: z.enum(RESPONSE_STATUSES as [ResponseStatus, ...ResponseStatus[]]).default("submitted"),
    values: z.record(z.string(), z.unknown()).default({}),
    origins: z
      .record(z.string(), z.enum(ANSWER_ORIGINS as unknown as [AnswerOrigin, ...AnswerOrigin[]], "an origin is confirmed, changed or written"))
      .optional(),
  })
  .strict();

export interface ProblemPlace {
  line: number;
  externalId?: string;
}

/** Validates a record's responses: shape, one per user, known questions, valid values (nulls are dropped). */
export function validateResponses(
  raw: unknown,
  dataset: Pick<IoDataset, "questions">,
  place: ProblemPlace,
): { responses: ResponseInput[]; problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const add = (path: string, message: string) => problems.push({ ...place, path, message });
  if (raw === undefined || raw === null) return { responses: [], problems };
  const list = z.array(z.unknown()).safeParse(raw);
  if (!list.success) {
    add("responses", "must be a list of {user, status, values}");
    return { responses: [], problems };
  }
  const questions = new Map(dataset.questions.map((question) => [question.name, question]));
  const responses: ResponseInput[] = [];
  const users = new Set<string>();
  list.data.forEach((item, index) => {
    const parsed = responseInputSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        add(`responses[${index}]${issue.path.length > 0 ? `.${formatPath(issue.path)}` : ""}`, issue.message);
      }
      return;
    }
    const response = parsed.data;
    const path = `responses[${index}]`;
    if (users.has(response.user)) {
      add(`${path}.user`, `a second response of "${response.user}"`);
      return;
    }
    users.add(response.user);
    const oversize = answerLimitProblems(response.values);
    if (oversize.length > 0) {
      for (const problem of oversize) add(`${path}.${problem.path}`, problem.message);
      return;
    }
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(response.values)) {
      if (value === null || value === undefined) continue;
      const question = questions.get(name);
      if (!question) {
        add(`${path}.values.${name}`, `unknown question "${name}"`);
        continue;
      }
      const checked = parseQuestionValue(question.type, question.settings, value);
      if (checked.ok) values[name] = checked.value;
      else add(`${path}.values.${name}`, checked.error);
    }
    const origins: AnswerOrigins = {};
    for (const [name, origin] of Object.entries(response.origins ?? {})) {
      if (values[name] !== undefined) origins[name] = origin;
      else add(`${path}.origins.${name}`, `no answer to "${name}" to have an origin`);
    }
    responses.push({ user: response.user, status: response.status, values, ...(Object.keys(origins).length > 0 ? { origins } : {}) });
  });
  return problems.length > 0 ? { responses: [], problems } : { responses, problems };
}
