// Which values of a record view the server cut to a preview (the view's `truncated` map), for the "Show whole value"
// control. A plain module: server components (the records table) and client components (the bulk view) both call it.

export interface CutValue {
  recordId: string;
  kind: "fields" | "metadata";
  name: string;
  /** The whole value's size in bytes. */
  bytes: number;
}

/** The cut of one value of a view with a `truncated` map (`fields.<name>`), or undefined when it is whole. */
export function cutOf(recordId: string, truncated: Record<string, number>, kind: CutValue["kind"], name: string): CutValue | undefined {
  const bytes = truncated[`${kind}.${name}`];
  return bytes === undefined ? undefined : { recordId, kind, name, bytes };
}
