// The one permission policy: which workspace role may do what. Services call `authorize`; the UI asks `can` to
// decide what to show. Both read this table, so the UI and the API cannot diverge.
import { ForbiddenError } from "@/lib/server/errors";

export type Role = "owner" | "admin" | "curator" | "annotator";

export const permissions = {
  "workspace.view": ["owner", "admin", "curator", "annotator"],
  "workspace.manage": ["owner", "admin"],
  "dataset.view": ["owner", "admin", "curator", "annotator"],
  "dataset.create": ["owner", "admin"],
  "dataset.configure": ["owner", "admin"],
  /** See every record with its suggestions, proposals, routing and all responses (the records page). */
  "records.view": ["owner", "admin", "curator"],
  "records.write": ["owner", "admin", "curator"],
  /** Be served records by the human queue and answer them. */
  "records.annotate": ["owner", "admin", "curator", "annotator"],
  "responses.viewAll": ["owner", "admin", "curator"],
  /** Work the review queue (disagreements, flags) and resolve records with a curator's final value. */
  "records.review": ["owner", "admin", "curator"],
  "dataset.export": ["owner", "admin", "curator"],
  /** Reserve records (or a share of the queue) for named annotators. */
  "records.assign": ["owner", "admin", "curator"],
  /** Choose a dataset's routing policy (which records go to humans), with its live preview. */
  "routing.configure": ["owner", "admin", "curator"],
  /** See the LLMs' measured quality against human answers: calibration, frontier, threshold advice, audit estimate. */
  "quality.view": ["owner", "admin", "curator"],
  /** Add, edit, test and delete the workspace's LLM providers (endpoints, keys, limits, prices). */
  "llm.providers.manage": ["owner", "admin"],
  /** See the providers' names, models and capabilities (never their keys), to choose proposers. */
  "llm.providers.view": ["owner", "admin", "curator"],
  /** Choose a dataset's proposers, strategies and prompts; start, pause, resume and cancel LLM runs. */
  "llm.runs.manage": ["owner", "admin", "curator"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (permissions[permission] as readonly Role[]).includes(role);
}

export function authorize(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw new ForbiddenError(`Your role (${role}) does not allow ${permission}.`);
  }
}
