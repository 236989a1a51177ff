import type { ComponentType } from "react";
import { ChatField } from "@/components/fields/chat-field";
import { ImageField } from "@/components/fields/image-field";
import { JsonField } from "@/components/fields/json-field";
import { MarkdownField } from "@/components/fields/markdown-field";
import { TextField } from "@/components/fields/text-field";

export type FieldRenderer = ComponentType<{ value: unknown; title: string }>;

// One renderer per field type; an unknown type falls back to JSON so that nothing is hidden.
const renderers: Record<string, FieldRenderer> = {
  text: TextField,
  markdown: MarkdownField,
  chat: ChatField,
  image: ImageField,
  json: JsonField,
};

export function fieldRenderer(type: string): FieldRenderer {
  return renderers[type] ?? JsonField;
}
