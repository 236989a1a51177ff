/** Public API of the question-type registry. */
export type {
  Aggregate,
  AggregateContext,
  ParseResult,
  QuestionType,
  SuggestionVote,
  UncertaintyMethod,
  VoteBucket,
} from "./types";
export { UNCERTAINTY_METHODS } from "./types";
export type { Judgement, JsonSchema, Presentation, PresentedOption, QuestionLlm, StrategyKind, Wording } from "./llm-types";
export {
  questionTypes,
  questionTypeNames,
  getQuestionType,
  isQuestionTypeName,
  parseQuestionSettings,
  parseQuestionValue,
  aggregateQuestion,
  formatQuestionValue,
  agreementScale,
  UnknownQuestionTypeError,
  type AgreementScale,
  type AnyQuestionType,
  type CheckResult,
  type QuestionSettings,
  type QuestionTypeName,
  type QuestionValue,
} from "./registry";
export { AGGREGATE_METHODS, UNPARSEABLE_KEY, UNPARSEABLE_LABEL } from "./votes";
export { formatZodError } from "./errors";
export { optionText, type QuestionOption } from "./options";
export { recordUncertainty, type QuestionUncertainty, type RecordUncertaintyMode } from "./record-uncertainty";
export {
  aggregateRecord,
  findQuestionSetProblems,
  type QuestionDefinitionInput,
  type RecordQuestionInput,
} from "./question-set";
export { labelQuestion, labelSettingsSchema, type LabelSettings } from "./label";
export { multiLabelQuestion, multiLabelSettingsSchema, type MultiLabelSettings } from "./multi-label";
export { rankingQuestion, rankingSettingsSchema, bordaConsensus, type RankingSettings } from "./ranking";
export { ratingQuestion, ratingSettingsSchema, lowerMedian, MAX_RATING_VALUES, type RatingSettings } from "./rating";
export { textQuestion, textSettingsSchema, COMPANION_TYPES, type TextSettings } from "./text";
export {
  ANSWER_ORIGINS,
  answerOrigins,
  consensusOnlyConfirmed,
  isAnswerOrigin,
  prefillsFromProposal,
  sameAnswer,
  type AnswerOrigin,
  type AnswerOrigins,
  type OriginInput,
  type OriginQuestion,
} from "./origins";
