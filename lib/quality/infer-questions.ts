/**
 * Questions inferred from the records when the simulator has no settings.json: DESIGN.md says every question that
 * appears is a `label` question whose options are the values seen. "Values seen" are the string values of
 * suggestions and responses, in order of first appearance; any other value (null, a number, a list) is not an
 * option, so as a suggestion it is an unparseable vote and as a response it is reported as invalid.
 */
import { parseQuestionSettings } from "@/lib/questions";
import type { SimulationQuestion } from "./from-records";

export class LabelInference {
  private readonly options = new Map<string, Set<string>>();

  /** Record one suggestion or response value of a question. */
  see(question: string, value: unknown): void {
    let set = this.options.get(question);
    if (!set) {
      set = new Set();
      this.options.set(question, set);
    }
    if (typeof value === "string" && value.trim() !== "") set.add(value);
  }

  /** The inferred questions (required, as the app's default), and a problem for each that cannot be a label question. */
  questions(): { questions: SimulationQuestion[]; problems: string[] } {
    const questions: SimulationQuestion[] = [];
    const problems: string[] = [];
    for (const [name, values] of this.options) {
      if (values.size < 2) {
        const seen = values.size === 0 ? "no string values" : `only one value (${JSON.stringify([...values][0])})`;
        problems.push(`question "${name}": ${seen} seen; a label question needs at least two options (pass --settings to define it)`);
        continue;
      }
      const settings = parseQuestionSettings("label", { options: [...values].map((value) => ({ value })) });
      if (settings.ok) questions.push({ name, type: "label", settings: settings.value, required: true });
      else problems.push(`question "${name}": ${settings.error}`);
    }
    return { questions, problems };
  }
}
