import { slugify, slugifyMunicipality } from "@/lib/text/slugify";
import { MUNICIPALITIES, type Municipality } from "@/lib/minutes";
import { FAMILY_NAMES, type FamilyName } from "./case-numbers";
import { planMeeting, type MeetingSlot, type PlannedMeeting } from "./plan-meeting";
import { createRandom, mixSeed, type Random } from "./random";
import { renderFaxe } from "./render-faxe";
import { renderLemvig } from "./render-lemvig";
import { renderVarde } from "./render-varde";
import { renderVejen } from "./render-vejen";
import { renderVejle } from "./render-vejle";
import { COMMITTEES, START_TIMES } from "./vocabulary";

/** One generated minutes document and the meeting it was generated from (the expected parse). */
export interface GeneratedDocument {
  /** Relative file name, unique in the corpus: "00042-vejen-kommune-2024-03-19-1400-arbejdsmarkedsudvalget.txt". */
  fileName: string;
  text: string;
  meeting: PlannedMeeting;
}

/** Options of `generateCorpus`. */
export interface CorpusOptions {
  meetings: number;
  seed: number;
}

const RENDERERS: Readonly<Record<FamilyName, (meeting: PlannedMeeting) => string>> = {
  vejen: renderVejen,
  varde: renderVarde,
  faxe: renderFaxe,
  vejle: renderVejle,
  lemvig: renderLemvig,
};

/** Renders a planned meeting in its family's template. */
export function renderMeeting(meeting: PlannedMeeting): string {
  return RENDERERS[meeting.family](meeting);
}

interface Catalogue {
  /** Municipalities by the template family they publish with. */
  byFamily: ReadonlyMap<FamilyName, readonly Municipality[]>;
  committees: ReadonlyMap<Municipality, readonly string[]>;
}

/**
 * Each municipality publishes with one template and has a few committees, as in reality; the five
 * sample municipalities keep their own template.
 */
function buildCatalogue(random: Random): Catalogue {
  const byFamily = new Map<FamilyName, Municipality[]>(FAMILY_NAMES.map((family) => [family, []]));
  const committees = new Map<Municipality, string[]>();
  const shuffled = random.sample(MUNICIPALITIES, MUNICIPALITIES.length);
  shuffled.forEach((municipality, index) => {
    const ownFamily = FAMILY_NAMES.find((family) => municipality.stems[0]?.toLowerCase() === family);
    byFamily.get(ownFamily ?? FAMILY_NAMES[index % FAMILY_NAMES.length] ?? "vejen")?.push(municipality);
    committees.set(
      municipality,
      random.sample(COMMITTEES, random.int(3, 6)).map((committee) => committee.name),
    );
  });
  return { byFamily, committees };
}

const FIRST_DAY = Date.UTC(2018, 0, 1);
const DAYS = (Date.UTC(2025, 11, 31) - FIRST_DAY) / 86_400_000;

function drawWeekday(random: Random): string {
  const date = new Date(FIRST_DAY + random.int(0, DAYS) * 86_400_000);
  const weekday = date.getUTCDay();
  // Committees meet on weekdays; a weekend draw moves to the Monday after (2025-12-31 is a Wednesday).
  if (weekday === 6) date.setUTCDate(date.getUTCDate() + 2);
  if (weekday === 0) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function drawSlot(random: Random, catalogue: Catalogue, family: FamilyName): MeetingSlot {
  const municipality = random.pick(catalogue.byFamily.get(family) ?? MUNICIPALITIES);
  const committee = random.zipf(catalogue.committees.get(municipality) ?? [COMMITTEES[0]?.name ?? "Økonomiudvalget"], 0.7);
  const startTime = family === "faxe" && random.chance(0.6) ? "19:00" : random.zipf(START_TIMES);
  return { family, municipality, committee, date: drawWeekday(random), startTime };
}

function fileNameOf(index: number, meeting: PlannedMeeting): string {
  const extension = meeting.family === "varde" ? "md" : "txt";
  const parts = [
    String(index + 1).padStart(5, "0"),
    slugifyMunicipality(meeting.municipality.name),
    meeting.date,
    meeting.startTime.replace(":", ""),
    slugify(meeting.committee),
  ];
  return `${parts.join("-")}.${extension}`;
}

/**
 * Generates `meetings` synthetic minutes documents, lazily (memory stays flat for large corpora).
 * Families rotate so every family occurs; municipalities come from the real 98; meetings are
 * unique on (municipality, committee, date, start time), the ingest's natural key. Deterministic:
 * the same seed gives the same documents byte for byte, and meeting i depends only on the seed
 * and the slots taken before it.
 */
export function* generateCorpus(options: CorpusOptions): Generator<GeneratedDocument> {
  const catalogue = buildCatalogue(createRandom(mixSeed(options.seed, 0x5eed)));
  const taken = new Set<string>();
  for (let index = 0; index < options.meetings; index += 1) {
    const family = FAMILY_NAMES[index % FAMILY_NAMES.length] ?? "vejen";
    const random = createRandom(mixSeed(options.seed, index));
    let slot = drawSlot(random, catalogue, family);
    let key = `${slot.municipality.name}|${slot.committee}|${slot.date}|${slot.startTime}`;
    while (taken.has(key)) {
      slot = drawSlot(random, catalogue, family);
      key = `${slot.municipality.name}|${slot.committee}|${slot.date}|${slot.startTime}`;
    }
    taken.add(key);
    const meeting = planMeeting(random, slot);
    yield { fileName: fileNameOf(index, meeting), text: renderMeeting(meeting), meeting };
  }
}
