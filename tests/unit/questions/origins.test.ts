import { describe, expect, it } from "vitest";
import { answerOrigins, consensusOnlyConfirmed, prefillsFromProposal, sameAnswer } from "@/lib/questions";

const label = { name: "sentiment", type: "label", settings: { options: [{ value: "pos" }, { value: "neg" }] } };
const tags = { name: "tags", type: "multi_label", settings: { options: [{ value: "a" }, { value: "b" }, { value: "c" }] } };
const critique = { name: "critique", type: "text", settings: {} };
const prefilledCritique = { name: "critique", type: "text", settings: { prefill: true } };

describe("answer origins", () => {
  it("pre-fills every question type from the proposal except free text, unless its settings say prefill", () => {
    expect(prefillsFromProposal(label)).toBe(true);
    expect(prefillsFromProposal(tags)).toBe(true);
    expect(prefillsFromProposal(critique)).toBe(false);
    expect(prefillsFromProposal(prefilledCritique)).toBe(true);
  });

  it("compares answers in the type's canonical form", () => {
    expect(sameAnswer(tags, ["b", "a"], ["a", "b"])).toBe(true);
    expect(sameAnswer(tags, ["a"], ["a", "b"])).toBe(false);
    expect(sameAnswer(label, "pos", null)).toBe(false);
  });

  it("is confirmed when the answer is the proposal shown, changed when a pre-filled one was changed, written otherwise", () => {
    const proposals = { sentiment: "pos", tags: ["a", "b"], critique: "Fine." };
    expect(
      answerOrigins({ questions: [label, tags, critique], values: { sentiment: "pos", tags: ["b", "a"], critique: "Fine." }, proposals }),
    ).toEqual({ sentiment: "confirmed", tags: "confirmed", critique: "confirmed" });
    expect(answerOrigins({ questions: [label, tags, critique], values: { sentiment: "neg", tags: ["c"], critique: "Bad." }, proposals })).toEqual({
      sentiment: "changed",
      tags: "changed",
      critique: "written",
    });
    expect(answerOrigins({ questions: [prefilledCritique], values: { critique: "Bad." }, proposals })).toEqual({ critique: "changed" });
    // No proposal shown (blind mode, or none yet): written, whatever the value.
    expect(answerOrigins({ questions: [label], values: { sentiment: "pos" }, proposals: {} })).toEqual({ sentiment: "written" });
    // Unanswered questions get no origin.
    expect(answerOrigins({ questions: [label, critique], values: {}, proposals })).toEqual({});
  });

  it("keeps the origin of an answer saved again unchanged, even if the proposal moved meanwhile", () => {
    const previous = { values: { sentiment: "neg" }, origins: { sentiment: "written" } };
    expect(answerOrigins({ questions: [label], values: { sentiment: "neg" }, proposals: { sentiment: "neg" }, previous })).toEqual({
      sentiment: "written",
    });
    expect(answerOrigins({ questions: [label], values: { sentiment: "pos" }, proposals: { sentiment: "pos" }, previous })).toEqual({
      sentiment: "confirmed",
    });
  });

  it("takes what an import states, and its unstated answers as written (a file) or unknown (a folder)", () => {
    const values = { sentiment: "pos", critique: "Fine." };
    const stated = { sentiment: "confirmed" as const };
    expect(answerOrigins({ questions: [label, critique], values, proposals: {}, stated: { stated, unstated: "written" } })).toEqual({
      sentiment: "confirmed",
      critique: "written",
    });
    expect(answerOrigins({ questions: [label, critique], values, proposals: {}, stated: { stated, unstated: "unknown" } })).toEqual({
      sentiment: "confirmed",
    });
  });

  it("calls a consensus confirmed only when every answer behind it confirmed the proposal", () => {
    const confirmed = { value: "pos", origin: "confirmed" };
    expect(consensusOnlyConfirmed(label, "pos", [confirmed, confirmed, { value: "neg", origin: "changed" }])).toBe(true);
    expect(consensusOnlyConfirmed(label, "pos", [confirmed, { value: "pos", origin: "written" }])).toBe(false);
    // Unknown origins (answers from before origins were recorded) count as people's own.
    expect(consensusOnlyConfirmed(label, "pos", [confirmed, { value: "pos", origin: undefined }])).toBe(false);
  });
});
