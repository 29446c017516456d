import type { Block, ParsedSection } from "@/lib/minutes";
import { renderBlocks } from "@/lib/minutes/blocks";
import { matchSectionHeading } from "@/lib/minutes/section-headings";
import { htmlToSegments } from "../html-to-blocks";

/** One of an item's `Felter`: its name and Word-style HTML. */
export interface ItemField {
  name: string | null;
  html: string;
}

interface SectionDraft {
  heading: string;
  kind: ParsedSection["kind"];
  isOwnDecision: boolean;
  blocks: Block[];
}

/**
 * An open item's sections from its fields: every `<h1>`–`<h6>` heading the text parser's
 * vocabulary knows ("Sagsfremstilling", "Beslutning i Økonomiudvalget den 16-03-2026") opens a
 * section of that kind; any other heading stays a paragraph of the section it is in. Text before
 * the first heading belongs to a section named after the field. An earlier body's decision
 * becomes "tidligere_behandling", never this meeting's decision. `ItemDecision` is used only when
 * the fields hold no decision of their own.
 */
export function buildItemSections(
  fields: readonly ItemField[],
  itemDecision: string | null,
  context: { meetingDate: string; committee: string },
): { sections: ParsedSection[]; ownDecision: string | null } {
  const drafts: SectionDraft[] = [];
  const open = (heading: string): SectionDraft => {
    const match = matchSectionHeading(heading, {
      meetingDate: context.meetingDate,
      committee: context.committee,
      currentKind: drafts[drafts.length - 1]?.kind ?? null,
      isInForeignDecision: drafts.length > 0 && isForeignDecision(drafts[drafts.length - 1] as SectionDraft),
    });
    const draft: SectionDraft = { heading: match?.heading ?? heading, kind: match?.kind ?? "other", isOwnDecision: match?.isOwnDecision ?? false, blocks: [] };
    drafts.push(draft);
    return draft;
  };
  for (const field of fields) {
    let current: SectionDraft | null = field.name ? open(field.name) : (drafts[drafts.length - 1] ?? null);
    for (const segment of htmlToSegments(field.html)) {
      if (segment.heading !== null) {
        const isKnown = matchSectionHeading(segment.heading, { meetingDate: context.meetingDate, committee: context.committee, currentKind: null, isInForeignDecision: false }) !== null;
        // A field whose first heading repeats its own name ("Sagsfremstilling" under "Sagsfremstilling").
        const repeatsField = current !== null && current.blocks.length === 0 && sameHeading(current.heading, segment.heading);
        if (repeatsField) {
          // nothing: the section is already open
        } else if (isKnown || current === null) current = open(segment.heading);
        else current.blocks.push({ type: "paragraph", text: segment.heading });
      }
      if (segment.blocks.length) (current ?? (current = open(field.name ?? "Tekst"))).blocks.push(...segment.blocks);
    }
  }
  const decisionDrafts = drafts.filter((draft) => draft.kind === "beslutning" && draft.isOwnDecision && draft.blocks.length > 0);
  if (decisionDrafts.length === 0 && itemDecision !== null) {
    const blocks = htmlToSegments(itemDecision).flatMap((segment) => [
      ...(segment.heading !== null ? [{ type: "paragraph" as const, text: segment.heading }] : []),
      ...segment.blocks,
    ]);
    if (blocks.length) {
      const draft: SectionDraft = { heading: "Beslutning", kind: "beslutning", isOwnDecision: true, blocks };
      drafts.push(draft);
      decisionDrafts.push(draft);
    }
  }
  const sections = drafts
    .filter((draft) => draft.blocks.length > 0)
    .map((draft, index) => ({ heading: draft.heading, kind: draft.kind, text: renderBlocks(draft.blocks), blocks: draft.blocks, line: index + 1 }));
  const ownDecision = decisionDrafts.length ? decisionDrafts.map((draft) => renderBlocks(draft.blocks)).join("\n\n") : null;
  return { sections, ownDecision };
}

function isForeignDecision(draft: SectionDraft): boolean {
  return /(?:^|s\s+)beslutning/i.test(draft.heading) && !draft.isOwnDecision;
}

const sameHeading = (a: string, b: string) => a.trim().replace(/:$/, "").toLowerCase() === b.trim().replace(/:$/, "").toLowerCase();
