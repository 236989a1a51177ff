// The hand-computed example the quality tests share (the same records as tests/fixtures/simulate/records.jsonl):
// six records of a label question (pos / neg / neu), three agents each, one human reference.
//
//  id  votes          proposal  reference  right  vote_entropy (normalised by log2 3)  self_eval (1 − score)
//  r1  pos pos pos    pos       pos        yes    0                                    0   (score 1.0)
//  r2  pos pos neg    pos       neg        no     H(2/3,1/3)/log2 3 = 0.5794           0.1 (score 0.9)
//  r3  neg neg neg    neg       neg        yes    0                                    0.2 (score 0.8)
//  r4  neu neg pos    neu (tie: first vote)  pos  no  1                                0.7 (score 0.3)
//  r5  neu neu neu    neu       neu        yes    0                                    0.1 (score 0.9)
//  r6  neg neg pos    neg       neg        yes    0.5794                               0.5 (score 0.5)
import type { QualityItem } from "@/lib/quality";

/** H(2/3, 1/3) in bits over log2(3): the normalised entropy of a 2–1 split among three options. */
export const SPLIT_2_1 = (-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3)) / Math.log2(3);

const item = (id: string, importOrder: number, proposal: string, reference: string, ve: number, se: number): QualityItem => ({
  id,
  importOrder,
  proposal,
  reference,
  uncertainty: { vote_entropy: ve, self_eval: se },
});

export const EXAMPLE: QualityItem[] = [
  item("r1", 0, "pos", "pos", 0, 0),
  item("r2", 1, "pos", "neg", SPLIT_2_1, 0.1),
  item("r3", 2, "neg", "neg", 0, 0.2),
  item("r4", 3, "neu", "pos", 1, 0.7),
  item("r5", 4, "neu", "neu", 0, 0.1),
  item("r6", 5, "neg", "neg", SPLIT_2_1, 0.5),
];

/** The same items in another order (reversed, then rotated), for determinism checks. */
export function reordered<T>(xs: readonly T[]): T[] {
  const r = [...xs].reverse();
  return [...r.slice(2), ...r.slice(0, 2)];
}
