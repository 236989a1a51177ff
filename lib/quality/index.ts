/** Public API of the quality module (pure: plain data in, plain data out). */
export type { Estimator, Interval, Proportion, QualityItem } from "./types";
export { estimatorsToMeasure } from "./estimators";
export { Z_95, wilsonInterval, proportion } from "./wilson";
export { canonicalJson, valueKey, sameValue } from "./values";
export { accuracy, macroF1, scores, type AnswerPair, type Scores } from "./metrics";
export { llmPairs, scoreRouting, type RoutedScores } from "./items";
export { calibration, binIndex, DEFAULT_CALIBRATION_BINS, type Calibration, type CalibrationBin } from "./calibration";
export {
  frontier,
  frontierCurve,
  defaultPolicies,
  DEFAULT_SHARES,
  type FrontierCurve,
  type FrontierPoint,
  type FrontierPolicy,
} from "./frontier";
export { adviseThreshold, type ThresholdAdvice } from "./threshold-advice";
export {
  LLM_AGREEMENT_NAME,
  LLM_AGREEMENT_UNIT,
  LLM_AGREEMENT_DEFINITION,
  ADVICE_MAX_INTERVAL_WIDTH,
  ADVICE_MIN_RECORDS,
  addComparison,
  countAgreement,
  agreementFigure,
  minimumRecordsFor,
  adviceReliability,
  type AgreementCounts,
  type AdviceReliability,
} from "./llm-agreement";
export { auditEstimate, type AuditEstimate } from "./audit";
export { questionQuality, type QuestionQuality, type QualityOptions } from "./simulate";
export { humanMajority, type ResponseLike } from "./human-answer";
export {
  recordItems,
  canonicalValue,
  type SimulationQuestion,
  type SimulationRecord,
  type SimulationSuggestion,
} from "./from-records";
export { LabelInference } from "./infer-questions";
export {
  cohensKappa,
  pairwiseCohensKappa,
  fleissKappa,
  krippendorffAlpha,
  agreementWithReference,
  questionAgreement,
  type Rating,
  type RatedUnit,
  type CohensKappa,
  type RaterPairKappa,
  type FleissKappa,
  type AlphaLevel,
  type KrippendorffAlpha,
  type RaterAgreement,
  type QuestionAgreement,
  type QuestionAgreementOptions,
} from "./agreement";
