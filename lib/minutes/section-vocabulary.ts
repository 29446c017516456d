import type { SectionKind } from "./types";

/**
 * Section headings seen across the template families, folded to lower case without a trailing colon.
 * Sub-headings that also occur inside a case description ("Baggrund", "Videre proces", "Dagsorden")
 * are deliberately absent: they stay text of the section they appear in.
 */
const HEADINGS: ReadonlyArray<readonly [SectionKind, readonly string[]]> = [
  ["resume", ["resume", "resumé", "beslutningstema", "kort resume", "kort resumé", "sammenfatning", "sammendrag"]],
  ["sagsfremstilling", ["sagsfremstilling", "sagsbeskrivelse", "sagens indhold", "beskrivelse af sagen", "sagen"]],
  [
    "indstilling",
    [
      "indstilling", "indstillinger", "administrativ indstilling", "forvaltningens indstilling",
      "administrationens indstilling", "direktionens indstilling", "anbefaling", "forslag til beslutning",
    ],
  ],
  ["beslutning", ["beslutning", "beslutninger", "udvalgets beslutning", "afgørelse"]],
  ["fravaerende", ["fraværende", "afbud", "fravær"]],
  ["bilag", ["bilag", "bilagsliste", "bilagsfortegnelse", "vedhæftede bilag"]],
  [
    "oekonomi",
    ["økonomi", "økonomiske konsekvenser", "økonomi og finansiering", "økonomiske forhold", "bevillingsmæssige konsekvenser", "økonomisk vurdering"],
  ],
  [
    "lovgrundlag",
    ["lovgrundlag", "retsgrundlag", "retsregler og andre forskrifter", "lovhjemmel", "hjemmel", "juridisk grundlag", "lovgivning", "retligt grundlag"],
  ],
  ["hoering", ["høring", "høringer", "høringssvar", "høringsparter"]],
  [
    "tidligere_behandling",
    ["tidligere behandling", "tidligere politisk behandling", "tidligere beslutninger", "tidligere beslutning", "tidligere behandlinger"],
  ],
  ["vurdering", ["vurdering", "forvaltningens vurdering", "administrationens vurdering", "faglig vurdering"]],
  [
    "other",
    [
      "personalemæssige konsekvenser", "sagen afgøres af", "sagen afgøres endeligt af", "politikker og strategier",
      "konsekvens i forhold til vores vision, byrådsgrundlaget og politikker", "sagens videre forløb",
      "klima og resiliensvurdering", "sagsgang og sagstype", "beslutningskompetence", "kompetence",
      "kommunikation", "miljøvurdering", "handicappolitisk vurdering", "ligestillingsvurdering",
      "bemærkninger", "supplerende sagsfremstilling", "sagsgang", "sagstype",
    ],
  ],
];

const KIND_BY_HEADING: ReadonlyMap<string, SectionKind> = new Map(
  HEADINGS.flatMap(([kind, headings]) => headings.map((heading) => [heading, kind] as const)),
);

const LONGEST_HEADING = Math.max(...KIND_BY_HEADING_KEYS());

function KIND_BY_HEADING_KEYS(): number[] {
  return HEADINGS.flatMap(([, headings]) => headings.map((heading) => heading.length));
}

/** Fold a heading for lookup: lower case, single spaces, no trailing colon or bullet. */
export function foldHeading(text: string): string {
  let folded = text.trim();
  if (folded.startsWith("- ") || folded.startsWith("• ")) folded = folded.slice(2).trimStart();
  if (folded.endsWith(":")) folded = folded.slice(0, -1).trimEnd();
  return folded.replace(/\s+/g, " ").toLowerCase();
}

/** The section kind of a heading in the vocabulary, or null. */
export function kindOfHeading(text: string): SectionKind | null {
  if (text.length > LONGEST_HEADING + 4) return null;
  return KIND_BY_HEADING.get(foldHeading(text)) ?? null;
}
