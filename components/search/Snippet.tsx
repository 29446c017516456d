import type { SnippetRun } from "@/lib/search/snippet";

/** A result's best passage, the matched words highlighted; every run is rendered as text. */
export function Snippet({ runs }: { runs: readonly SnippetRun[] }) {
  return (
    <p className="text-sm text-ink">
      {runs.map((run, i) =>
        run.match ? (
          <mark key={i} className="bg-yellow-200 px-0.5 text-ink">
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </p>
  );
}
