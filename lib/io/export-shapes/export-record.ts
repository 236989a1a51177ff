// One record as export sees it: the record format of DESIGN.md plus what Sift derived (final values with their
// provenance, proposals, the routing decision and uncertainty) and every annotator's response. The server builds
// these from the database; everything in export-shapes is a pure function of them.
import type { SuggestionInput } from "@/lib/io/record-format";

import type { AnswerOrigins } from "@/lib/questions/origins";

/**
 * Where a final value comes from: the accepted LLM proposal, the human consensus, a human consensus made only of
 * people who confirmed the LLMs' proposal as it was shown to them (`human_confirmed`: not an independent human
 * judgement), or a curator's resolution. Older exports have the first three only, and read the same.
 */
export type Provenance = "llm" | "human" | "human_confirmed" | "curator";
export const PROVENANCES: readonly Provenance[] = ["llm", "human", "human_confirmed", "curator"];

export type RoutingDecision = "pending" | "auto" | "audit" | "human";

export type ResponseStatus = "draft" | "submitted" | "discarded";
export const RESPONSE_STATUSES: readonly ResponseStatus[] = ["draft", "submitted", "discarded"];

export interface FinalValue {
  value: unknown;
  provenance: Provenance;
}

/**
 * One person's answer: `user` is the username, `values` one value per answered question, `origins` per answered
 * question whether they confirmed the LLMs' proposal, changed it or wrote the answer (a question is absent where the
 * origin is unknown: answers saved before Sift recorded it, or imported without it).
 */
export interface ExportResponse {
  user: string;
  status: ResponseStatus;
  values: Record<string, unknown>;
  origins?: AnswerOrigins;
}

export interface ExportProposal {
  value: unknown;
  uncertainty: number | null;
  /** 0..1, comparable across questions; this is what flat exports show as `<question>.uncertainty`. */
  normalized: number | null;
  method: string;
  votes: number;
}

export interface ExportRecord {
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** In suggestion order (it breaks vote ties). */
  suggestions: SuggestionInput[];
  responses: ExportResponse[];
  /** Per question name; a question without a final value is absent. */
  finalValues: Record<string, FinalValue>;
  routingDecision: RoutingDecision;
  /** The record's uncertainty (max or mean over its required questions), 0..1; null while pending. */
  uncertainty: number | null;
  /** Per question name. */
  proposals?: Record<string, ExportProposal>;
}
