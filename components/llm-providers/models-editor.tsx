"use client";

// The provider's models with their prices (USD per million tokens): one row each, added and removed in place.
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ErrorText, fieldId, InputField } from "./fields";
import { emptyModel, type FormErrors, type ModelDraft } from "./form-model";

export function ModelsEditor({
  models,
  onChange,
  errors,
}: {
  models: ModelDraft[];
  onChange: (models: ModelDraft[]) => void;
  errors: FormErrors;
}) {
  const update = (index: number, patch: Partial<ModelDraft>) =>
    onChange(models.map((model, i) => (i === index ? { ...model, ...patch } : model)));
  const add = () => {
    const model = emptyModel();
    onChange([...models, model]);
    // Focus the new row's name once it is rendered, so typing can go on from the keyboard.
    requestAnimationFrame(() => document.getElementById(fieldId(`models.${models.length}.name`))?.focus());
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Models and prices</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        The model ids the endpoint serves (as in its <code>/models</code> list) and their prices in USD per million tokens, for cost
        tracking. Use 0 for self-hosted models. The first model is the one &ldquo;Test connection&rdquo; tries.
      </p>
      <div className="hidden grid-cols-[minmax(0,1fr)_8rem_8rem_2.25rem] gap-2 text-xs font-medium text-slate-600 sm:grid dark:text-slate-400" aria-hidden>
        <span>Model</span>
        <span>Input $/M tokens</span>
        <span>Output $/M tokens</span>
        <span />
      </div>
      <ul className="space-y-2">
        {models.map((model, index) => (
          <li key={model.key} className="grid grid-cols-[minmax(0,1fr)_auto] gap-2 sm:grid-cols-[minmax(0,1fr)_8rem_8rem_2.25rem]">
            <InputField
              name={`models.${index}.name`}
              label={`Model ${index + 1} name`}
              hideLabel
              mono
              value={model.name}
              onChange={(name) => update(index, { name })}
              placeholder={index === 0 ? "e.g. gpt-4o-mini" : "model id"}
              errors={errors[`models.${index}.name`]}
              className="col-span-1"
            />
            <InputField
              name={`models.${index}.inputPricePerMillion`}
              label={`Model ${index + 1} input price, USD per million tokens`}
              hideLabel
              inputMode="decimal"
              value={model.inputPrice}
              onChange={(inputPrice) => update(index, { inputPrice })}
              placeholder="0.00"
              errors={errors[`models.${index}.inputPricePerMillion`]}
              className="order-3 sm:order-none"
            />
            <InputField
              name={`models.${index}.outputPricePerMillion`}
              label={`Model ${index + 1} output price, USD per million tokens`}
              hideLabel
              inputMode="decimal"
              value={model.outputPrice}
              onChange={(outputPrice) => update(index, { outputPrice })}
              placeholder="0.00"
              errors={errors[`models.${index}.outputPricePerMillion`]}
              className="order-4 sm:order-none"
            />
            <Button
              variant="ghost"
              size="sm"
              className="h-[34px] w-9 px-0"
              onClick={() => onChange(models.filter((_, i) => i !== index))}
              disabled={models.length === 1}
              aria-label={`Remove model ${model.name || index + 1}`}
              title={models.length === 1 ? "A provider needs at least one model" : "Remove this model"}
            >
              <Trash2 aria-hidden className="h-4 w-4" />
            </Button>
          </li>
        ))}
      </ul>
      <ErrorText id={fieldId("models")} errors={errors.models} />
      <Button variant="secondary" size="sm" onClick={add}>
        <Plus aria-hidden className="h-4 w-4" /> Add model
      </Button>
    </fieldset>
  );
}
