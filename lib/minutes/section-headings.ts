import { findDanishDate } from "./danish-date";
import { BODY_WORD, genitiveDecisionHeading } from "./decision-headings";
import { foldHeading, kindOfHeading } from "./section-vocabulary";
import type { SectionKind } from "./types";

/** A recognised section heading; `inlineText` is text printed after "Label:" on the same line. */
export interface SectionHeadingMatch {
  heading: string;
  kind: SectionKind;
  inlineText: string | null;
  /** For "Beslutning <body> den <date>": false when the decision belongs to another body or meeting. */
  isOwnDecision: boolean;
}

/** What a heading is judged against: the meeting itself and the section we are in. */
export interface HeadingContext {
  meetingDate: string | null;
  committee: string | null;
  currentKind: SectionKind | null;
  /** True inside an earlier body's decision quoted in the case (Varde: "Beslutning Udvalget for Børn og Læring den 22-11-2022"). */
  isInForeignDecision: boolean;
}

const DECISION_OF_BODY = /^beslutning(?:\s+(?:i|på|fra|af|truffet af))?\s+(.{3,140})$/i;
// Vejle: "Økonomi- og arbejdsmarkedsdirektøren indstiller" stands alone as the recommendation heading.
const RECOMMENDS = /^(\p{Lu}.{2,110}?)\s+indstiller\s*:?$/u;
const INLINE_LABEL = /^([^:\t]{3,60}):\s+(\S.*)$/;
const MAX_HEADING_LENGTH = 160;

/**
 * Decide whether a line opens a new section, and which. Headings come from the vocabulary
 * ("Sagsfremstilling", "Fraværende:"), from "Beslutning <body> den <date>" (or "<Body>s
 * beslutning den <date>", decision-headings.ts) and from
 * "<someone> indstiller"; a vocabulary label may carry its text inline ("Fraværende: Jens Hansen").
 */
export function matchSectionHeading(text: string, context: HeadingContext): SectionHeadingMatch | null {
  const line = text.trim();
  if (line === "" || line.includes("\t") || line.length > MAX_HEADING_LENGTH) return null;
  const printed = printedHeading(line);
  const kind = kindOfHeading(line);
  if (kind !== null) {
    if (context.isInForeignDecision && kind === "fravaerende") return null;
    return { heading: printed, kind, inlineText: null, isOwnDecision: kind === "beslutning" };
  }
  if (/^beslutning\s/i.test(printed)) {
    const decision = matchDecisionOfBody(printed, context);
    if (decision) return decision;
  }
  const genitive = /s\s+beslutning/i.test(printed) ? genitiveDecisionHeading(printed) : null;
  const genitiveDecision = genitive === null ? null : matchDecisionOfBody(genitive, context);
  if (genitiveDecision) return { ...genitiveDecision, heading: printed };
  if (context.currentKind !== "indstilling" && printed.endsWith("indstiller") && RECOMMENDS.test(printed)) {
    return { heading: printed, kind: "indstilling", inlineText: null, isOwnDecision: false };
  }
  const inline = line.includes(":") ? INLINE_LABEL.exec(line) : null;
  const inlineKind = inline ? kindOfHeading(inline[1] ?? "") : null;
  if (inline && inlineKind !== null) {
    if (context.isInForeignDecision && inlineKind === "fravaerende") return null;
    return {
      heading: (inline[1] ?? "").trim(),
      kind: inlineKind,
      inlineText: (inline[2] ?? "").trim(),
      isOwnDecision: inlineKind === "beslutning",
    };
  }
  return null;
}

/** True when a line, without context, reads as a section heading (used to validate "1. Title" item headings). */
export function looksLikeSectionHeading(text: string): boolean {
  return (
    matchSectionHeading(text, { meetingDate: null, committee: null, currentKind: null, isInForeignDecision: false }) !==
    null
  );
}

function printedHeading(line: string): string {
  let printed = line;
  if (printed.startsWith("- ") || printed.startsWith("• ")) printed = printed.slice(2);
  if (printed.endsWith(":")) printed = printed.slice(0, -1);
  return printed.trim();
}

function matchDecisionOfBody(printed: string, context: HeadingContext): SectionHeadingMatch | null {
  const match = DECISION_OF_BODY.exec(printed);
  const body = match?.[1];
  if (body === undefined) return null;
  const date = findDanishDate(body);
  if (date === null && !BODY_WORD.test(body)) return null;
  if (date === null && /[.!?]$/.test(body)) return null;
  const isOwn = isOwnDecision(body, date, context);
  if (isOwn) return { heading: printed, kind: "beslutning", inlineText: null, isOwnDecision: true };
  const isEarlier = date === null || context.meetingDate === null || date < context.meetingDate;
  return { heading: printed, kind: isEarlier ? "tidligere_behandling" : "other", inlineText: null, isOwnDecision: false };
}

function isOwnDecision(body: string, date: string | null, context: HeadingContext): boolean {
  if (date !== null && context.meetingDate !== null) return date === context.meetingDate;
  if (context.committee === null) return true;
  const bodyName = foldHeading(body.replace(/\s+den\s+.*$/i, ""));
  const committee = foldHeading(context.committee);
  return bodyName.includes(committee) || committee.includes(bodyName);
}
