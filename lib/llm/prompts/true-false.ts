/**
 * The CoAnnotating `true_false` variant: one yes/no call per option, all options shown for context and one asked
 * about. The question type turns the options answered "true" into its value (label: exactly one; multi_label: the
 * set). If any call cannot be read the whole vote is unparseable: a set with an unknown member is not a set.
 */
import type { ChatCall, PromptContext, VotePlan } from "../contracts";
import { joinedRaw, meanScore, parsed, unparseable } from "./drafts";
import { answerOutput, readEnvelope } from "./envelope";
import { renderFields } from "./fields";
import { guidelinesBlock, messages, questionBlock, systemMessage, userMessage } from "./messages";
import { optionsBlock, presentationFor } from "./presentation";
import type { ResolvedQuestion } from "./resolve";
import { DEFAULT_TEMPLATE } from "./template";

const BOOLEAN_SCHEMA = { type: "boolean", description: "true if the option applies to the record, false if it does not" };

/** true/false, and the strings models write instead: "true", "yes", "false", "no" in any case and quotes. */
export function readBoolean(raw: unknown): boolean | null {
  if (typeof raw === "boolean") return raw;
  if (typeof raw !== "string") return null;
  const s = raw.trim().replace(/^["'`]+|["'`.!]+$/g, "").toLowerCase();
  if (s === "true" || s === "yes") return true;
  if (s === "false" || s === "no") return false;
  return null;
}

export function trueFalsePlan(ctx: PromptContext, rq: ResolvedQuestion): VotePlan {
  const fromTrueFalse = rq.type.llm.fromTrueFalse?.bind(rq.type.llm);
  if (!fromTrueFalse) throw new Error(`question "${rq.question.name}": ${rq.question.type} questions have no true_false variant`);
  const shown = presentationFor(rq, "values");
  const asked = shown?.options ?? [];
  const output = answerOutput("sift_true_false", BOOLEAN_SCHEMA, ctx.selfEvaluate);
  const calls: ChatCall[] = asked.map((o) => {
    const name = o.text === o.value ? `"${o.value}"` : `"${o.value}" (${o.text})`;
    const task = `Consider only the option ${name}. Does it apply to this record? Answer true or false.`;
    const user = userMessage(ctx, {
      blocks: {
        guidelines: guidelinesBlock(ctx),
        fields: `## Record\n${renderFields(ctx)}`,
        question: questionBlock(ctx, task),
        options: optionsBlock(shown),
      },
      output,
      defaultTemplate: DEFAULT_TEMPLATE,
      recordFirst: false,
    });
    return { messages: messages(systemMessage("plain"), user), output };
  });

  return {
    label: "true_false",
    variant: "true_false",
    calls,
    interpret(answers) {
      const raw = joinedRaw(asked.map((o, i) => ({ heading: o.value, result: answers[i]?.result })));
      const trueValues: string[] = [];
      const scores: (number | null)[] = [];
      const rationales: string[] = [];
      for (const [i, o] of asked.entries()) {
        const env = readEnvelope(answers[i]?.json ?? null);
        const yes = env ? readBoolean(env.answer) : null;
        if (env === null || yes === null) return unparseable(raw);
        if (yes) trueValues.push(o.value);
        scores.push(env.score);
        if (env.rationale) rationales.push(`${o.text}: ${env.rationale}`);
      }
      const v = fromTrueFalse(trueValues, rq.settings);
      const rationale = rationales.length > 0 ? rationales.join("\n") : null;
      if (!v.ok) return unparseable(raw, { rationale });
      return parsed(v.value, { rationale, score: ctx.selfEvaluate ? meanScore(scores) : null });
    },
  };
}
