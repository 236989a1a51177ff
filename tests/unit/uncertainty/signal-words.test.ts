// What the screen says about a proposal's uncertainty (lib/ui/uncertainty-signal.ts), from real aggregates of the
// question-type registry: the signal in plain words, never a method identifier.
import { describe, expect, it } from "vitest";
import { getQuestionType, type SuggestionVote } from "@/lib/questions";
import { bucketLabel, describeSignal, methodLabel, whoVoted } from "@/lib/ui/uncertainty-signal";

const label = getQuestionType("label");
const ranking = getQuestionType("ranking");
const posNeg = { options: [{ value: "pos", text: "pos" }, { value: "neg", text: "neg" }] };
const say = (votes: SuggestionVote[], method: "auto" | "vote_entropy" | "self_eval" | "logprob" = "auto") =>
  describeSignal(label.aggregate(votes, posNeg, { method }));
const IDENTIFIERS = /unparseable|self_eval|vote_entropy|logprob|borda|binary_entropy|none|fallback|__/;

describe("the signal of an uncertainty, in words", () => {
  it("names the model's confidence, the votes, the token probabilities", () => {
    expect(say([{ agent: "gpt", value: "pos", score: 0.4 }])).toBe("from the model's confidence 0.40");
    expect(say([{ agent: "a", value: "pos", score: 0.8 }, { agent: "b", value: "pos", score: 0.6 }], "self_eval")).toBe(
      "from the models' mean confidence 0.70",
    );
    expect(say([{ agent: "a", value: "pos" }, { agent: "b", value: "neg" }, { agent: "c", value: "pos" }])).toBe("from 3 votes that disagree");
    expect(say([{ agent: "a", value: "pos" }, { agent: "b", value: "pos" }])).toBe("from 2 votes that agree");
    expect(say([{ agent: "gpt", value: "pos", distribution: { pos: 0.7, neg: 0.3 } }])).toBe("from the model's token probabilities");
  });

  it("says when there is no way to tell, and why one vote counted as certain under 'votes only'", () => {
    expect(say([{ agent: "gpt", value: "pos" }])).toBe("no way to tell (one vote without a score)");
    expect(say([{ agent: "gpt", value: "pos" }], "vote_entropy")).toBe("from 1 vote, which cannot disagree with itself");
  });

  it("says what an unreadable answer does to the uncertainty", () => {
    expect(say([{ agent: "gpt", value: "maybe" }])).toBe("set to 100% because Sift could not read the answer: a person must look");
    // A tie between an unreadable answer (first) and a readable one: no value to accept, and the screen says why.
    expect(say([{ agent: "a", value: "???" }, { agent: "b", value: "pos" }])).toBe(
      "set to 100% because Sift could not read 1 of the 2 answers, too many to accept one: a person must look",
    );
    expect(say([{ agent: "a", value: null }, { agent: "b", value: "???" }])).toBe(
      "set to 100% because Sift could not read any of the 2 answers: a person must look",
    );
    expect(say([{ agent: "a", value: "pos" }, { agent: "b", value: "???" }])).toBe(
      "from 2 votes that disagree (1 answer Sift could not read counts as disagreement)",
    );
    const orders = { options: [{ value: "x", text: "x" }, { value: "y", text: "y" }] };
    const ranked = ranking.aggregate(
      [
        { agent: "a", value: ["x", "y"] },
        { agent: "b", value: ["x", "y"] },
        { agent: "c", value: "garbage" },
      ],
      orders,
      { method: "auto" },
    );
    expect(describeSignal(ranked)).toBe("from 2 votes that agree (1 answer Sift could not read is left out)");
  });

  it("never shows an identifier, whatever the method and the data", () => {
    const cases: SuggestionVote[][] = [
      [{ agent: "gpt", value: "pos", score: 0.4 }],
      [{ agent: "gpt", value: "pos" }],
      [{ agent: "gpt", value: null }],
      [{ agent: "a", value: "pos" }, { agent: "b", value: "neg", distribution: { pos: 0.5 } }],
    ];
    for (const votes of cases)
      for (const method of ["auto", "vote_entropy", "self_eval", "logprob"] as const) expect(say(votes, method)).not.toMatch(IDENTIFIERS);
    expect(methodLabel("auto")).toBe("Automatic");
    expect(methodLabel("something_new")).not.toMatch(/something_new/);
  });

  it("labels the unreadable bucket and lists who voted", () => {
    expect(bucketLabel({ key: "__unparseable__", label: "unparseable", count: 2 })).toBe("answers Sift could not read");
    expect(bucketLabel({ key: "pos", label: "Positive", count: 2 })).toBe("Positive");
    expect(whoVoted(["gpt-4o", "llama-3", "mistral"])).toBe("gpt-4o, llama-3 and mistral");
  });
});
