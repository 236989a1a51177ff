/** Public API of the prompt builders: what to ask an LLM for one (record, question) and how to read its answers. */
export { planVotes, agentName } from "./plan";
export { findStrategyProblems } from "./strategy-problems";
export {
  checkTemplate,
  fillTemplate,
  PLACEHOLDERS,
  DEFAULT_TEMPLATE,
  DEFAULT_JUDGE_TEMPLATE,
  INSTRUCTION_AFTER_TEMPLATE,
  type TemplateCheck,
} from "./template";
export { renderFieldValue } from "./fields";
export { logprobDistribution, type LogprobChoice } from "./logprob-distribution";
export { seededShuffle } from "./seeded-shuffle";
