export default function Loading() {
  return (
    <main className="mx-auto max-w-5xl px-4 py-8" aria-busy="true">
      <h2 className="text-xl font-semibold tracking-tight">LLM</h2>
      <p role="status" className="mt-4 text-sm text-slate-500">
        Loading the LLM settings and runs…
      </p>
      <div className="mt-6 space-y-3">
        <div className="h-10 animate-pulse rounded-md bg-slate-100 dark:bg-slate-800" />
        <div className="h-40 animate-pulse rounded-md bg-slate-100 dark:bg-slate-800" />
      </div>
    </main>
  );
}
