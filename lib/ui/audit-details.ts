// An audit event's details in one readable line: numbers with thousands separators, nested counts spelled out
// ("records: 1,200 created, 3 updated"), lists counted or named, ids and long values left to the expanded JSON.

const NUMBER = new Intl.NumberFormat("en-US");

/** Keys that are shown elsewhere in the row (the target's and the dataset's names) or are ids nobody reads. */
const HIDDEN_KEYS = new Set(["name", "username", "datasetId", "taskId", "externalIds"]);

function describeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return NUMBER.format(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value.length > 40 ? `${value.slice(0, 39)}…` : value;
  if (Array.isArray(value)) {
    if (value.length > 0 && value.length <= 3 && value.every((item) => typeof item === "string" || typeof item === "number")) {
      return value.map((item) => (typeof item === "number" ? NUMBER.format(item) : item)).join(", ");
    }
    return `${NUMBER.format(value.length)} item${value.length === 1 ? "" : "s"}`;
  }
  if (typeof value === "object") {
    const counts = Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    if (counts.length > 0) return counts.map(([key, count]) => `${NUMBER.format(count)} ${key}`).join(", ");
    return `${Object.keys(value).length} field${Object.keys(value).length === 1 ? "" : "s"}`;
  }
  return String(value);
}

/** "records: 1,200 created, 0 updated · suggestions: 40 created"; "" when nothing is left to say. */
export function describeAuditDetails(details: unknown, maxParts = 4): string {
  if (!details || typeof details !== "object" || Array.isArray(details)) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (HIDDEN_KEYS.has(key)) continue;
    const text = describeValue(value);
    if (text !== null && text !== "") parts.push(`${key}: ${text}`);
  }
  const shown = parts.slice(0, maxParts).join(" · ");
  return parts.length > maxParts ? `${shown} · …` : shown;
}
