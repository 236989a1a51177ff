/**
 * Dealing a share of the human queue to named annotators (a curator's "distribute the queue"). Pure and
 * deterministic: the same records in the same order, with the same annotators and weights, give the same
 * assignments, so a curator can predict and repeat it.
 *
 * Records arrive in queue order (highest uncertainty first). Of every 100 records, `sharePercent` are dealt, spread
 * evenly through the order (not the first ones only), so each annotator gets hard and easy records alike and the
 * rest of the queue stays open to everybody. A dealt record gets as many assignees as it still needs responses
 * (a record needing two answers gets two different people), chosen among those who have not answered it yet: the
 * annotators whose load relative to their weight is lowest, ties to the order the curator listed them in. Weights
 * are relative: 2 and 1 give the first annotator twice as many records as the second.
 */

export interface DealtRecord {
  id: string;
  /** Submitted responses it still needs (at least 1 for records in the queue). */
  needed: number;
  /** Annotators who already answered it: the queue would never serve it to them again. */
  answeredBy: readonly string[];
}

export interface WeightedAnnotator {
  userId: string;
  /** Relative weight, > 0. */
  weight: number;
}

export interface Dealer {
  /** The assignees of the next record in queue order; empty when the record is left open. */
  deal(record: DealtRecord): string[];
  /** Records dealt to each annotator so far, in the order the annotators were given. */
  loads(): { userId: string; records: number }[];
}

export function createDealer(annotators: readonly WeightedAnnotator[], sharePercent: number): Dealer {
  if (annotators.length === 0) throw new RangeError("distribute: at least one annotator is needed");
  if (!Number.isInteger(sharePercent) || sharePercent < 1 || sharePercent > 100)
    throw new RangeError(`distribute: the share must be a whole percentage from 1 to 100, got ${sharePercent}`);
  const seen = new Set<string>();
  for (const annotator of annotators) {
    if (seen.has(annotator.userId)) throw new RangeError(`distribute: annotator ${annotator.userId} is listed twice`);
    if (!(annotator.weight > 0) || !Number.isFinite(annotator.weight))
      throw new RangeError(`distribute: annotator ${annotator.userId} needs a positive weight, got ${annotator.weight}`);
    seen.add(annotator.userId);
  }
  const load = annotators.map(() => 0);
  let position = 0;
  return {
    deal(record) {
      // Integer arithmetic, so that 100 % deals every record and 30 % exactly 3 of every 10 whatever the float error.
      const dealt = Math.floor(((position + 1) * sharePercent) / 100) > Math.floor((position * sharePercent) / 100);
      position += 1;
      if (!dealt) return [];
      const answered = new Set(record.answeredBy);
      const eligible = annotators.map((annotator, index) => index).filter((index) => !answered.has(annotators[index]!.userId));
      // Lowest (load + 1) / weight first: after this record, who would be furthest below their share.
      eligible.sort((a, b) => (load[a]! + 1) / annotators[a]!.weight - (load[b]! + 1) / annotators[b]!.weight || a - b);
      const chosen = eligible.slice(0, Math.max(0, record.needed));
      for (const index of chosen) load[index]! += 1;
      return chosen.map((index) => annotators[index]!.userId);
    },
    loads() {
      return annotators.map((annotator, index) => ({ userId: annotator.userId, records: load[index]! }));
    },
  };
}
