import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import type { DecisionOutcome } from "@/lib/minutes/vocabulary";

// Dark text on light fills: every pair stays above 4.5:1 contrast.
const STYLES: Record<DecisionOutcome, string> = {
  approved: "bg-green-100 text-green-900 border-green-700",
  recommended: "bg-teal-100 text-teal-900 border-teal-700",
  noted: "bg-sky-100 text-sky-900 border-sky-700",
  discussed: "bg-indigo-100 text-indigo-900 border-indigo-700",
  postponed: "bg-amber-100 text-amber-900 border-amber-700",
  rejected: "bg-red-100 text-red-900 border-red-700",
  none: "bg-slate-100 text-slate-800 border-slate-500",
  other: "bg-slate-100 text-slate-800 border-slate-500",
};

/** The normalized decision outcome as a labelled badge. */
export function OutcomeBadge({ outcome }: { outcome: DecisionOutcome }) {
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${STYLES[outcome]}`}>
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}
