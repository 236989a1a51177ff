/** Every agreement measure for one question at once: what a quality page or the simulator's report shows. */
import { pairwiseCohensKappa, type RaterPairKappa } from "./cohen";
import { fleissKappa, type FleissKappa } from "./fleiss";
import { krippendorffAlpha, type AlphaLevel, type KrippendorffAlpha } from "./krippendorff";
import { agreementWithReference, type RaterAgreement } from "./reference";
import type { RatedUnit } from "./ratings";

export interface QuestionAgreementOptions {
  /** The level of measurement for alpha; nominal unless said (a rating question wants ordinal or interval). */
  level?: AlphaLevel;
  /** For ordinal alpha: the values in rank order (see `krippendorffAlpha`). */
  order?: readonly unknown[];
  /** Reference values by unit id, each optional: the human consensus, and the LLM proposal. */
  consensus?: ReadonlyMap<string, unknown>;
  llm?: ReadonlyMap<string, unknown>;
}

export interface QuestionAgreement {
  /** The level alpha was computed at. */
  level: AlphaLevel;
  pairwiseKappa: RaterPairKappa[];
  fleiss: FleissKappa;
  alpha: KrippendorffAlpha;
  /** Null when no such reference was given. */
  withConsensus: RaterAgreement[] | null;
  withLlm: RaterAgreement[] | null;
}

export function questionAgreement(units: readonly RatedUnit[], options: QuestionAgreementOptions = {}): QuestionAgreement {
  const level = options.level ?? "nominal";
  return {
    level,
    pairwiseKappa: pairwiseCohensKappa(units),
    fleiss: fleissKappa(units),
    alpha: krippendorffAlpha(units, level, options.order),
    withConsensus: options.consensus ? agreementWithReference(units, options.consensus) : null,
    withLlm: options.llm ? agreementWithReference(units, options.llm) : null,
  };
}
