import { deviationLabel } from "@/lib/data/item-votes";
import type { Deviation } from "@/lib/minutes";

/** "Ændret" / "Afviger fra indstillingen" beside the outcome, with the reason spelled out for screen readers and on hover. */
export function DeviationBadge({ deviation }: { deviation: Deviation | null }) {
  const label = deviationLabel(deviation);
  if (!label) return null;
  // Dark text on a light fill: above 4.5:1 contrast.
  return (
    <span title={label.description} className="inline-block rounded border border-orange-800 bg-orange-50 px-2 py-0.5 text-xs font-semibold text-orange-900">
      {label.label}
      <span className="sr-only">: {label.description}</span>
    </span>
  );
}
