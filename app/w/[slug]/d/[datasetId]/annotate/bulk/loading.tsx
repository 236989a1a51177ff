export default function Loading() {
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" aria-busy="true" aria-label="Loading the bulk view">
      <div className="mb-4 h-8 w-80 animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" />
      <div className="space-y-2">
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="h-12 animate-pulse rounded-md bg-slate-100 dark:bg-slate-900" />
        ))}
      </div>
    </main>
  );
}
