/** Inter-annotator agreement measures (pure: plain data in, plain data out). */
export type { Rating, RatedUnit } from "./ratings";
export { cohensKappa, pairwiseCohensKappa, type CohensKappa, type RaterPairKappa } from "./cohen";
export { fleissKappa, type FleissKappa } from "./fleiss";
export { krippendorffAlpha, type AlphaLevel, type KrippendorffAlpha } from "./krippendorff";
export { agreementWithReference, type RaterAgreement } from "./reference";
export { questionAgreement, type QuestionAgreement, type QuestionAgreementOptions } from "./question";
