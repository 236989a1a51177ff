// How a dataset's configuration and one record become the PromptContexts of one proposer: shared by the worker
// (run-record.ts), the prompt preview and the run estimate (services/llm-settings.ts), so that what a curator
// previews is what the worker sends.
import type { PromptContext, PromptQuestion } from "@/lib/llm/contracts";
import type { DatasetLlmSettings, Proposer } from "@/lib/llm/dataset-llm-settings";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

/** The dataset's questions as prompts see them. */
export function promptQuestions(config: DatasetConfig): PromptQuestion[] {
  return config.questions.map((question) => ({
    name: question.name,
    title: question.title,
    description: question.description,
    type: question.type,
    settings: question.settings,
  }));
}

/** One context per question the proposer asks (in the proposer's order); questions the dataset lacks are skipped. */
export function promptContexts(
  config: DatasetConfig,
  settings: Pick<DatasetLlmSettings, "templates">,
  proposer: Pick<Proposer, "questions" | "selfEvaluate">,
  recordFields: Record<string, unknown>,
  recordId: string,
): PromptContext[] {
  const questions = promptQuestions(config);
  return proposer.questions.flatMap((name) => {
    const question = questions.find((candidate) => candidate.name === name);
    if (!question) return [];
    return [
      {
        guidelines: config.guidelines,
        fields: config.fields.map((field) => ({ name: field.name, title: field.title, type: field.type })),
        recordFields,
        question,
        questions,
        template: settings.templates[name],
        selfEvaluate: proposer.selfEvaluate,
        // The same record and question always get the same shuffles, however often the run is resumed.
        seed: `${recordId}:${name}`,
      },
    ];
  });
}
