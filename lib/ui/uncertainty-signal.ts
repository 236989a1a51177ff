// Where a proposal's uncertainty came from, in plain words (issue 13): the screen names the signal ("from 5 votes that
// disagree", "from the model's confidence 0.40", "from token probabilities") and never the method's identifier. The
// stored `Proposal.method` is the identifier of the estimator actually used (lib/questions/votes.ts), optionally
// followed by " (reason)"; this maps it to words. Pure, so the focus view, the records table and review agree.
import { AGGREGATE_METHODS, UNPARSEABLE_KEY } from "@/lib/questions";

export interface SignalSource {
  method: string;
  /** Suggestions counted (unreadable ones included). */
  votes: number;
  normalized: number | null;
  buckets: readonly { key: string; count: number }[];
}

/** Chosen by a curator (Routing tab): what each method means, in words. */
export const METHOD_CHOICES = [
  {
    value: "auto",
    label: "Automatic",
    hint: "Votes where two or more can disagree; otherwise the model's own confidence score; otherwise token probabilities.",
  },
  { value: "vote_entropy", label: "Votes only", hint: "How much the votes disagree. A single vote always counts as certain." },
  { value: "self_eval", label: "Confidence scores", hint: "1 − the mean of the models' confidence scores (votes where there are no scores)." },
  { value: "logprob", label: "Token probabilities", hint: "How spread the model's token probabilities are over the options (votes where there are none)." },
] as const;

/** A method identifier as words ("Votes only"); unknown identifiers are described generically, never shown raw. */
export function methodLabel(method: string): string {
  return METHOD_CHOICES.find((choice) => choice.value === method)?.label ?? "Another measure";
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the badge says when there is no signal (the words `describeSignal` starts such a description with). */
export const NO_WAY_TO_TELL = "no way to tell";

function noSignalReason(votes: number, unreadable: number): string {
  return votes > 1 && unreadable > 0
    ? `one readable vote without a score (${plural(unreadable, "answer", "answers")} Sift could not read)`
    : "one vote without a score";
}

/** Next to a badge that already says "no way to tell": only why; otherwise the whole description. */
export function signalNextToBadge(source: SignalSource): string {
  const base = source.method.split(" (")[0];
  return base === AGGREGATE_METHODS.none ? noSignalReason(source.votes, unreadableCount(source)) : describeSignal(source);
}

function unreadableCount(source: SignalSource): number {
  return source.buckets.find((bucket) => bucket.key === UNPARSEABLE_KEY)?.count ?? 0;
}

/**
 * "from 5 votes that disagree", "from the model's confidence 0.40", "no way to tell (one vote without a score)"...:
 * reads after "Uncertainty " (the focus view) and alone (next to a badge).
 */
export function describeSignal(source: SignalSource): string {
  const base = source.method.split(" (")[0] ?? source.method;
  const unreadable = unreadableCount(source);
  const answers = plural(unreadable, "answer", "answers");
  switch (base) {
    case AGGREGATE_METHODS.unparseable:
      if (source.votes === 1) return "set to 100% because Sift could not read the answer: a person must look";
      if (unreadable < source.votes)
        // The unreadable answers won the count (or its tie, by coming first): no value can be accepted.
        return `set to 100% because Sift could not read ${unreadable} of the ${source.votes} answers, too many to accept one: a person must look`;
      return `set to 100% because Sift could not read any of the ${source.votes} answers: a person must look`;
    case AGGREGATE_METHODS.none:
      return `${NO_WAY_TO_TELL} (${noSignalReason(source.votes, unreadable)})`;
    case AGGREGATE_METHODS.selfEval: {
      const confidence = source.normalized === null ? null : (1 - source.normalized).toFixed(2);
      if (confidence === null) return "from the models' confidence scores";
      return source.votes === 1 ? `from the model's confidence ${confidence}` : `from the models' mean confidence ${confidence}`;
    }
    case AGGREGATE_METHODS.logprob:
      return "from the model's token probabilities";
    case AGGREGATE_METHODS.companion:
      return "from the companion rating's votes";
    case AGGREGATE_METHODS.voteEntropy:
    case AGGREGATE_METHODS.bordaDisagreement:
    case AGGREGATE_METHODS.binaryEntropyMean: {
      // Label and rating count an unreadable answer as a vote for its own category; rankings and multi-labels leave it out.
      const countsUnreadable = base === AGGREGATE_METHODS.voteEntropy;
      const counted = countsUnreadable ? source.votes : source.votes - unreadable;
      if (counted === 1) return "from 1 vote, which cannot disagree with itself";
      const words = `from ${counted} votes ${source.normalized === 0 ? "that agree" : "that disagree"}`;
      if (unreadable === 0) return words;
      return countsUnreadable
        ? `${words} (${answers} Sift could not read ${unreadable === 1 ? "counts" : "count"} as disagreement)`
        : `${words} (${answers} Sift could not read ${unreadable === 1 ? "is" : "are"} left out)`;
    }
    default:
      return "from the suggestions";
  }
}

/** How a suggestion whose value Sift could not read is displayed (records service and the votes breakdown). */
export const UNREADABLE_DISPLAY = "(an answer Sift could not read)";

/** A bucket's label for people: the unreadable answers' bucket reads "could not be read" instead of its key. */
export function bucketLabel(bucket: { key: string; label: string; count: number }): string {
  if (bucket.key !== UNPARSEABLE_KEY) return bucket.label;
  return bucket.count === 1 ? "an answer Sift could not read" : "answers Sift could not read";
}

/** "gpt-4o and llama-3 voted pos" — who voted what, in words. */
export function whoVoted(agents: readonly string[]): string {
  if (agents.length <= 1) return agents[0] ?? "nobody";
  return `${agents.slice(0, -1).join(", ")} and ${agents[agents.length - 1]}`;
}
