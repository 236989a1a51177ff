import { describe, expect, it } from "vitest";
import { agreementScale } from "@/lib/questions";

describe("how each question type's answers are compared for agreement", () => {
  it("a rating is ordinal on its scale, in order", () => {
    expect(agreementScale("rating", { min: 1, max: 5 })).toEqual({ level: "ordinal", order: [1, 2, 3, 4, 5] });
    expect(agreementScale("rating", { min: 0, max: 2 })).toEqual({ level: "ordinal", order: [0, 1, 2] });
  });

  it("labels, label sets and rankings are equal or not; free text is not compared", () => {
    const options = { options: [{ value: "a" }, { value: "b" }] };
    expect(agreementScale("label", options)).toEqual({ level: "nominal" });
    expect(agreementScale("multi_label", options)).toEqual({ level: "nominal" });
    expect(agreementScale("ranking", options)).toEqual({ level: "nominal" });
    expect(agreementScale("text", {})).toEqual({ level: "none" });
  });

  it("refuses settings that are not valid for the type", () => {
    expect(() => agreementScale("rating", { min: 5, max: 1 })).toThrow(/rating/);
  });
});
