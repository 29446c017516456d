/**
 * The minutes parser: text of one minutes document (PDF text export or Markdown) → ParsedMeeting.
 * Pure: no Next.js, no Prisma, no file system.
 */
import { runPipeline } from "./parse-minutes";
import type { ParseHints, ParseResult } from "./types";

export type {
  Block,
  LineRange,
  Outcome,
  ParsedItem,
  ParsedMeeting,
  ParsedSection,
  ParseError,
  ParseHints,
  ParseResult,
  ParseWarning,
  Participant,
  SectionKind,
} from "./types";
export { MUNICIPALITIES, resolveMunicipality, type Municipality } from "./municipalities";
export { toIssueJson, type IssueJsonMeeting } from "./issue-json";
export type { Deviation } from "./deviation";
export type { ItemVotes, Reservation, ReservationKind, VoteEntry } from "./votes";

/** Version of the parsing rules; bump when output for the same input can change (ingest stores it). */
export const PARSER_VERSION = "1.4.0";

/**
 * Parse one minutes document. Never throws: anything that is not minutes (empty, binary, no date,
 * no items, unknown municipality) and any internal failure comes back as `{ ok: false, error }`.
 * `hints.municipality` ("Vejen" or "Vejen Kommune") is used instead of inferring it from the text.
 */
export function parseMinutes(text: string, hints?: ParseHints): ParseResult {
  try {
    if (typeof text !== "string") return { ok: false, error: { reason: "Input er ikke tekst.", line: null } };
    return runPipeline(text, hints ?? {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { reason: `Intern fejl i parseren: ${message}`, line: null } };
  }
}
