import type { Deviation } from "@/lib/minutes";
import { slugify } from "@/lib/text/slugify";
import { personPath } from "./paths";

/** A voter as the item page shows it: "Anne Hansen (F)", "Ø", "A (3)", linked when a named person. */
export interface VoterView {
  label: string;
  /** The person page, for a named person. */
  url: string | null;
}

/** An item's votes ready to render; null when the minutes record none. */
export interface VotesView {
  for: VoterView[];
  against: VoterView[];
  abstained: VoterView[];
  totals: { for: number | null; against: number | null; abstained: number | null };
  reservations: Array<VoterView & { kind: "forbehold" | "protokol" | "mindretalsudtalelse"; text: string }>;
}

type StoredVoter = { name?: unknown; party?: unknown; count?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function voterView(voter: StoredVoter, municipalitySlug: string): VoterView | null {
  const name = typeof voter.name === "string" ? voter.name : null;
  const party = typeof voter.party === "string" ? voter.party : null;
  const count = typeof voter.count === "number" ? voter.count : null;
  if (name === null && party === null) return null;
  const base = name === null ? (party ?? "") : party === null ? name : `${name} (${party})`;
  const label = count === null ? base : `${base} (${count})`;
  const slug = name === null ? "" : slugify(name);
  return { label, url: slug === "" ? null : personPath(municipalitySlug, slug) };
}

function votersOf(value: unknown, municipalitySlug: string): VoterView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => (isRecord(entry) ? [voterView(entry, municipalitySlug)].filter((v) => v !== null) : []));
}

function totalOf(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

const RESERVATION_KINDS = new Set(["forbehold", "protokol", "mindretalsudtalelse"]);

/**
 * The stored AgendaItem.votes JSON (see lib/minutes/votes.ts) as a view, read defensively: an
 * entry of an unexpected shape is left out. Null when no vote, total or reservation is recorded.
 */
export function toVotesView(stored: unknown, municipalitySlug: string): VotesView | null {
  if (!isRecord(stored)) return null;
  const totals = isRecord(stored.totals) ? stored.totals : {};
  const reservations: VotesView["reservations"] = [];
  for (const entry of Array.isArray(stored.reservations) ? stored.reservations : []) {
    if (!isRecord(entry) || typeof entry.kind !== "string" || !RESERVATION_KINDS.has(entry.kind) || typeof entry.text !== "string") continue;
    const voter = voterView(entry, municipalitySlug) ?? { label: "Ikke angivet", url: null };
    reservations.push({ ...voter, kind: entry.kind as VotesView["reservations"][number]["kind"], text: entry.text });
  }
  const view: VotesView = {
    for: votersOf(stored.for, municipalitySlug),
    against: votersOf(stored.against, municipalitySlug),
    abstained: votersOf(stored.abstained, municipalitySlug),
    totals: { for: totalOf(totals.for), against: totalOf(totals.against), abstained: totalOf(totals.abstained) },
    reservations,
  };
  const isEmpty =
    view.for.length + view.against.length + view.abstained.length + view.reservations.length === 0 &&
    Object.values(view.totals).every((total) => total === null);
  return isEmpty ? null : view;
}

/** Danish badge text of a decision that departs from the recommendation; null when it followed it or nobody can tell. */
export function deviationLabel(deviation: Deviation | null): { label: string; description: string } | null {
  switch (deviation) {
    case "amended":
      return { label: "Ændret", description: "Udvalget fulgte indstillingen med ændringer eller tilføjelser." };
    case "rejected":
      return { label: "Afviger fra indstillingen", description: "Udvalget afviste indstillingen." };
    case "postponed":
      return { label: "Afviger fra indstillingen", description: "Udvalget udsatte sagen i stedet for at tage stilling til indstillingen." };
    case "against":
      return { label: "Afviger fra indstillingen", description: "Udvalget besluttede noget andet end indstillingen." };
    default:
      return null;
  }
}
