import type { SectionKind } from "@/lib/minutes/vocabulary";
import { slugify } from "@/lib/text/slugify";

/**
 * Stable fragment ids for an item's sections: the normalized kind ("#beslutning",
 * "#sagsfremstilling"), the heading's slug for other sections, "-2" on repeats.
 */
export function sectionAnchors(sections: Array<{ kind: SectionKind; heading: string }>): string[] {
  const used = new Set<string>(["beslutningen"]);
  return sections.map((section) => {
    const base = section.kind === "other" ? slugify(section.heading) || "afsnit" : section.kind.replace(/_/g, "-");
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}
