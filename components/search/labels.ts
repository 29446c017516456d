import type { SectionKind } from "@/lib/minutes/vocabulary";

/** Danish names of the facets, in display order. */
export const FACET_TITLES = { kommune: "Kommune", udvalg: "Udvalg", aar: "År", udfald: "Beslutning", emne: "Emne (KLE)", afvigelse: "Afvigelse", dissens: "Dissens" } as const;

/** Danish labels for the `felt` restriction. */
export const FIELD_LABELS: Record<SectionKind | "titel", string> = {
  titel: "Titel",
  resume: "Resumé",
  sagsfremstilling: "Sagsfremstilling",
  indstilling: "Indstilling",
  beslutning: "Beslutning",
  fravaerende: "Fraværende",
  bilag: "Bilag",
  oekonomi: "Økonomi",
  lovgrundlag: "Lovgrundlag",
  hoering: "Høring",
  tidligere_behandling: "Tidligere behandling",
  vurdering: "Vurdering",
  other: "Øvrige afsnit",
};
