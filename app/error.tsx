"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Der opstod en fejl</h1>
      <p>Siden kunne ikke vises lige nu. Prøv igen om lidt.</p>
      <button type="button" onClick={reset} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
        Prøv igen
      </button>
    </div>
  );
}
