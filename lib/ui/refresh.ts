// How often screens that others change while people work ask again. TanStack Query stops these intervals while the
// tab is hidden (refetchIntervalInBackground is false by default) and the window-focus refetch catches up on return.

/** Counters other people move: "My queue", the team's progress, the annotator's own counts. */
export const COUNTS_REFRESH_MS = 10_000;

/** An import or export task that is queued or running: its state and progress. */
export const TASK_REFRESH_MS = 1_000;
