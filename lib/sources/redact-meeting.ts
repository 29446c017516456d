import type { ParsedMeeting } from "@/lib/minutes";
import { redactCpr } from "@/lib/privacy/redact-cpr";

/** Replaces CPR numbers in every string of a value (objects and arrays walked), counting them when `counter` is given. */
function redactStrings<T>(value: T, counter: { count: number } | null): T {
  if (typeof value === "string") {
    const { text, count } = redactCpr(value);
    if (counter) counter.count += count;
    return text as T;
  }
  if (Array.isArray(value)) return value.map((entry: unknown) => redactStrings(entry, counter)) as T;
  if (typeof value === "object" && value !== null) {
    // A section's text and an item's decision are rendered from blocks, and its recommendation and
    // votes read from those texts: redacted, but counted once, in the blocks.
    const isDerived = (key: string) => key === "decision" || key === "recommendation" || key === "votes" || (key === "text" && "blocks" in value);
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactStrings(entry, isDerived(key) ? null : counter)])) as T;
  }
  return value;
}

/**
 * The meeting with every CPR number replaced, in every text it carries (titles, headings, blocks,
 * decisions, attachment names, committee, place), and how many were replaced.
 */
export function redactMeeting(meeting: ParsedMeeting): { meeting: ParsedMeeting; count: number } {
  const counter = { count: 0 };
  const redacted = redactStrings(meeting, counter);
  return { meeting: redacted, count: counter.count };
}
