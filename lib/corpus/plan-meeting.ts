import type { Municipality, Outcome } from "@/lib/minutes";
import { drawCaseNumber, type FamilyName } from "./case-numbers";
import { drawTitle } from "./draw-title";
import { drawName, fillSlots, formatThousands, type SlotContext } from "./fill-slots";
import type { Random } from "./random";
import { ROUTINE_ITEMS, TOPICS, type Topic } from "./topics";
import {
  CLOSED_SENTENCES,
  CLOSED_TITLES,
  COMMITTEES,
  DECISION_REMARKS,
  DECISIONS,
  DIRECTORS,
  ECONOMY_SENTENCES,
  GENERIC_SENTENCES,
  LAWS,
  LEMVIG_DIRECTORS,
  MONTHS,
  OFFICIALS,
  PARTIES,
  ROOMS,
  SUBHEADINGS,
  TABLE_AREAS,
} from "./vocabulary";

/** A piece of case text before a family prints it. */
export type PlannedBlock =
  | { type: "paragraph"; text: string }
  | { type: "subheading"; text: string }
  | { type: "list"; ordered: boolean; items: string[] }
  | { type: "table"; rows: string[][] };

/** An agenda item as the generator intends it; `title`, `number` and `outcome` are what the parser should read. */
export interface PlannedItem {
  number: string;
  /** Without marker and "Lukket:" prefix; "Lukket" for Faxe's bare "Lukket:". */
  title: string;
  /** "B"/"C" printed after Vejen's titles, else null. */
  marker: string | null;
  closed: boolean;
  /** Paragraphs printed under a closed item, which the parser must drop. Empty for open items. */
  closedBody: string[];
  caseNumber: string | null;
  topic: string;
  resume: string[];
  body: PlannedBlock[];
  /** Who signs the recommendation, in the family's wording. */
  recommender: string;
  /** "at …" clauses without the "at". */
  proposals: string[];
  /** Paragraphs of the committee's own decision; empty when the item prints none. */
  decision: string[];
  outcome: Outcome;
  economy: string;
  law: string;
  attachments: string[];
  /** Absent members as the parser should list them (Faxe prints them per item). */
  absent: string[];
  /** The printed absence text ("Nellie Bradsted (V). Som stedfortræder deltog … (V)."), or null. */
  absenceLine: string | null;
  /** Varde quotes an earlier committee's decision inside the case. */
  earlierDecision: { heading: string; paragraphs: string[] } | null;
  /** "16.01.2024 Udvalget for skoler og børn" lines. */
  earlierTreatment: string[];
}

/** One meeting as the generator intends it: the expected parse plus what only the renderer needs. */
export interface PlannedMeeting {
  family: FamilyName;
  municipality: Municipality;
  /** As the parser should read it: without election period. */
  committee: string;
  /** As printed in the title line, e.g. "Arbejdsmarkedsudvalget - 2022-2025". */
  printedCommittee: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  startTime: string;
  endTime: string | null;
  location: string;
  participants: string[];
  items: PlannedItem[];
}

/** Where and when a meeting is; drawn by the corpus so the natural key stays unique. */
export interface MeetingSlot {
  family: FamilyName;
  municipality: Municipality;
  committee: string;
  date: string;
  startTime: string;
}

const OUTCOME_WEIGHTS: ReadonlyArray<readonly [Outcome, number]> = [
  ["noted", 30],
  ["approved", 25],
  ["recommended", 12],
  ["discussed", 12],
  ["other", 7],
  ["postponed", 5],
  ["rejected", 4],
  ["none", 5],
];

function drawOutcome(random: Random): Outcome {
  const total = OUTCOME_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let u = random.next() * total;
  for (const [outcome, weight] of OUTCOME_WEIGHTS) {
    u -= weight;
    if (u < 0) return outcome;
  }
  return "noted";
}

const TOPIC_BY_KEY: ReadonlyMap<string, Topic> = new Map(TOPICS.map((topic) => [topic.key, topic]));

function drawTopic(random: Random, committee: string): Topic {
  const own = COMMITTEES.find((entry) => entry.name === committee)?.topics ?? [];
  // Most items are the committee's own business; the rest follow the corpus-wide Zipf curve.
  const key = own.length > 0 && random.chance(0.8) ? random.zipf(own) : random.zipf(TOPICS).key;
  return TOPIC_BY_KEY.get(key) ?? random.zipf(TOPICS);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Danish "dd-mm-yyyy" for an ISO date. */
export function toDanishNumericDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}-${month}-${year}`;
}

function shiftDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function drawTable(random: Random, context: SlotContext): string[][] {
  const { year } = context;
  const kind = random.int(0, 2);
  if (kind === 0) {
    const rows = [["Område", `Budget ${year}`, "Forbrug", "Afvigelse"]];
    for (const area of random.sample(TABLE_AREAS, random.int(3, 6))) {
      const budget = random.int(500, 350_000);
      const spent = Math.round(budget * (0.8 + random.next() * 0.35));
      rows.push([area, formatThousands(budget), formatThousands(spent), formatThousands(spent - budget)]);
    }
    return rows;
  }
  if (kind === 1) {
    const rows = [["Måned", "Tilgang", "Afgang", "I alt"]];
    let level = random.int(80, 600);
    for (const month of MONTHS.slice(0, random.int(3, 8))) {
      const inflow = random.int(5, 60);
      const outflow = random.int(5, 60);
      level += inflow - outflow;
      rows.push([`${capitalize(month.slice(0, 3))} ${year}`, String(inflow), String(outflow), String(level)]);
    }
    return rows;
  }
  const seasons = [`Forår ${year}`, `September ${year}`, `Oktober ${year}`, `November ${year}`, `December ${year}`];
  return [
    ["Tidspunkt", "Opgave"],
    ...seasons.slice(0, random.int(3, 5)).map((season, index) => [
      season,
      ["Input og drøftelse af mulige temaer", "Drøftelse af udkast", "Høring", "Godkendelse i udvalget", "Godkendelse i Byrådet"][index] ?? "",
    ]),
  ];
}

const REDRAWS = 6;

/** Sentences for one paragraph; `used` holds the templates the item already printed, so none repeats. */
function drawSentences(random: Random, topic: Topic, context: SlotContext, count: number, used: Set<string>): string {
  const sentences: string[] = [];
  for (let i = 0; i < count; i += 1) {
    for (let attempt = 0; attempt < REDRAWS; attempt += 1) {
      const template = random.chance(0.6) ? random.zipf(topic.sentences, 0.8) : random.zipf(GENERIC_SENTENCES, 0.7);
      if (used.has(template)) continue;
      used.add(template);
      sentences.push(fillSlots(template, context, random));
      break;
    }
  }
  return sentences.join(" ");
}

function drawBody(random: Random, topic: Topic, context: SlotContext, used: Set<string>): PlannedBlock[] {
  const blocks: PlannedBlock[] = [];
  const paragraphs = random.int(2, 6);
  const subheadings = random.sample(SUBHEADINGS, SUBHEADINGS.length);
  for (let i = 0; i < paragraphs; i += 1) {
    if (i > 0 && random.chance(0.25)) blocks.push({ type: "subheading", text: subheadings.pop() ?? "Status" });
    const text = drawSentences(random, topic, context, random.int(1, 3), used);
    if (text !== "") blocks.push({ type: "paragraph", text });
    if (random.chance(0.12)) {
      const unused = topic.sentences.filter((sentence) => !used.has(sentence));
      const picked = random.sample(unused, random.int(2, 4));
      picked.forEach((sentence) => used.add(sentence));
      const items = picked.map((sentence) => fillSlots(sentence, context, random));
      if (items.length >= 2) blocks.push({ type: "list", ordered: random.chance(0.3), items });
    }
    if (random.chance(0.1)) blocks.push({ type: "table", rows: drawTable(random, context) });
  }
  return blocks;
}

function drawRecommender(random: Random, family: FamilyName): string {
  switch (family) {
    case "vejen": {
      const official = random.zipf(OFFICIALS);
      return official.isNamed ? `${official.title} ${drawName(random)}` : official.title;
    }
    case "varde":
      return "Forvaltningen";
    case "faxe":
      return "Administrationen";
    case "vejle":
      return random.zipf(DIRECTORS);
    case "lemvig":
      return random.zipf(LEMVIG_DIRECTORS);
  }
}

function drawDecision(random: Random, outcome: Outcome, context: SlotContext): string[] {
  const paragraphs = [fillSlots(random.zipf(DECISIONS[outcome]), context, random)];
  if (outcome !== "none" && random.chance(0.15)) paragraphs.push(random.pick(DECISION_REMARKS));
  return paragraphs;
}

interface ItemDraft {
  title: string;
  topic: Topic;
  outcome: Outcome;
  isRoutine: boolean;
  closedTitle: string | null;
}

function draftItems(random: Random, slot: MeetingSlot, context: SlotContext): ItemDraft[] {
  const count = random.int(5, 15);
  const hasAgenda = slot.family === "faxe" || slot.family === "varde" || random.chance(0.3);
  const closedCount = random.chance(0.55) ? random.int(1, Math.min(2, count - 3)) : 0;
  const hasMinutes = random.chance(0.6);
  const topicalCount = count - (hasAgenda ? 1 : 0) - closedCount - (hasMinutes ? 1 : 0);
  const drafts: ItemDraft[] = [];
  const budget = TOPIC_BY_KEY.get("budget") ?? random.pick(TOPICS);
  if (hasAgenda) drafts.push({ title: ROUTINE_ITEMS.agenda.title, topic: budget, outcome: "approved", isRoutine: true, closedTitle: null });
  const titles = new Set<string>();
  for (let i = 0; i < topicalCount; i += 1) {
    let topic = drawTopic(random, slot.committee);
    let title = drawTitle(random, topic, context);
    for (let attempt = 0; attempt < REDRAWS && titles.has(title); attempt += 1) {
      topic = drawTopic(random, slot.committee);
      title = drawTitle(random, topic, context);
    }
    titles.add(title);
    drafts.push({ title, topic, outcome: drawOutcome(random), isRoutine: false, closedTitle: null });
  }
  if (random.chance(0.5) && topicalCount > 1) {
    // "Meddelelser" closes the open part of many meetings.
    const last = drafts[drafts.length - 1];
    if (last && !last.isRoutine) {
      last.title = ROUTINE_ITEMS.messages.title;
      last.outcome = random.pick(["noted", "none", "other"] as const);
    }
  }
  for (let i = 0; i < closedCount; i += 1) {
    drafts.push({ title: "", topic: budget, outcome: "none", isRoutine: true, closedTitle: random.zipf(CLOSED_TITLES) });
  }
  if (hasMinutes) drafts.push({ title: ROUTINE_ITEMS.minutes.title, topic: budget, outcome: "approved", isRoutine: true, closedTitle: null });
  return drafts;
}

function firstItemNumber(family: FamilyName, date: string, random: Random): number {
  if (family !== "faxe" && family !== "vejle") return 1;
  // Faxe and Vejle number items through the year ("Punkt 83" in November).
  const dayOfYear = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000;
  return 1 + Math.floor((dayOfYear / 366) * 100) + random.int(0, 3);
}

function electionPeriod(year: number): string {
  const start = year >= 2022 ? 2022 : 2018;
  return `${start}-${start + 3}`;
}

function printCommittee(random: Random, family: FamilyName, committee: string, year: number): string {
  if (family === "vejle") return `${committee} - ${electionPeriod(year)}`;
  if (family === "vejen" || (family === "faxe" && random.chance(0.7))) return `${committee} ${electionPeriod(year)}`;
  return committee;
}

/**
 * The parser infers the municipality from the public text (Varde's header never names it), so
 * every meeting names its own municipality at least twice, as the samples do, and never another.
 */
function ensureMunicipalityMentions(items: PlannedItem[], municipality: Municipality): void {
  const open = items.filter((item) => !item.closed);
  const text = JSON.stringify(open.map((item) => [item.title, item.resume, item.body, item.decision, item.proposals]));
  let count = text.split(municipality.name).length - 1;
  const target = open.find((item) => item.resume.length > 0) ?? open[0];
  while (target && count < 2) {
    target.resume.push(`Indsatsen omfatter borgere i hele ${municipality.name}.`);
    count += 1;
  }
}

/**
 * Plans one meeting in the given slot: 5–15 items (routine items, topical items drawn Zipf-like
 * from the committee's topics, closed items near the end) with every field the family renderers
 * print. Pure: the same slot and random state give the same plan.
 */
export function planMeeting(random: Random, slot: MeetingSlot): PlannedMeeting {
  const year = Number(slot.date.slice(0, 4));
  const baseContext: SlotContext = { municipality: slot.municipality, committee: slot.committee, year, subject: "" };
  const stem = slot.municipality.stems[0] ?? slot.municipality.name;
  const participants = Array.from({ length: random.int(5, 9) }, () => drawName(random)).filter(
    (name, index, all) => all.indexOf(name) === index,
  );
  const absentMember = (slot.family === "faxe" || slot.family === "varde") && random.chance(0.4) ? random.pick(participants) : null;
  const party = random.zipf(PARTIES);
  const absenceLine = absentMember ? `${absentMember} (${party}). Som stedfortræder deltog ${drawName(random)} (${party}).` : null;
  const startHour = Number(slot.startTime.slice(0, 2));
  const endTime = slot.family === "faxe" ? `${String(Math.min(startHour + 3, 23)).padStart(2, "0")}:00` : null;

  let number = firstItemNumber(slot.family, slot.date, random);
  const items = draftItems(random, slot, baseContext).map((draft): PlannedItem => {
    const context: SlotContext = { ...baseContext, subject: draft.topic.key };
    const kleGroup = draft.isRoutine ? "00" : random.pick(draft.topic.kle);
    const item: PlannedItem = {
      number: String(number),
      title: draft.title,
      marker: slot.family === "vejen" ? (random.chance(0.8) ? "B" : "C") : null,
      closed: false,
      closedBody: [],
      caseNumber: drawCaseNumber(random, slot.family, year, kleGroup),
      topic: draft.topic.key,
      resume: [],
      body: [],
      recommender: drawRecommender(random, slot.family),
      proposals: [],
      decision: [],
      outcome: draft.outcome,
      economy: fillSlots(random.zipf(ECONOMY_SENTENCES), context, random),
      law: random.zipf(LAWS),
      attachments: [],
      absent: absentMember ? [absentMember] : [],
      absenceLine,
      earlierDecision: null,
      earlierTreatment: [],
    };
    number += 1;
    if (draft.closedTitle !== null) {
      const sentences = Array.from({ length: random.int(1, 3) }, () => fillSlots(random.pick(CLOSED_SENTENCES), context, random));
      // Only Faxe prints a bare "Lukket:"; elsewhere a closed item always has a title.
      const title = draft.closedTitle !== "" ? draft.closedTitle : slot.family === "faxe" ? "Lukket" : "Eventuelt";
      return { ...item, title, closed: true, closedBody: sentences, absent: [], absenceLine: null };
    }
    if (draft.isRoutine) {
      item.proposals = [draft.title === ROUTINE_ITEMS.agenda.title ? "dagsorden godkendes" : "referatet godkendes"];
      item.decision = ["Godkendt."];
      return item;
    }
    const used = new Set<string>();
    item.resume = [drawSentences(random, draft.topic, context, random.int(1, 2), used)];
    item.body = drawBody(random, draft.topic, context, used);
    item.proposals = random
      .sample(draft.topic.proposals, random.int(1, 2))
      .map((proposal) => fillSlots(proposal, context, random));
    item.decision = drawDecision(random, draft.outcome, context);
    if (random.chance(0.4)) {
      item.attachments = random.sample(draft.topic.attachments, random.int(1, 3)).map((title) => fillSlots(title, context, random));
    }
    if (random.chance(0.25)) {
      const earlier = shiftDate(slot.date, -random.int(14, 120));
      const other = random.pick(COMMITTEES).name;
      item.earlierTreatment = [`${earlier.slice(8, 10)}.${earlier.slice(5, 7)}.${earlier.slice(0, 4)} ${other}`];
      if (slot.family === "varde") {
        item.earlierDecision = {
          heading: `Beslutning ${other} den ${toDanishNumericDate(earlier)}`,
          paragraphs: [`Fraværende: ${drawName(random)}.`, "Udvalget vedtog,", `at ${item.proposals[0] ?? "godkende indstillingen"}.`],
        };
      }
    }
    return item;
  });

  ensureMunicipalityMentions(items, slot.municipality);
  return {
    family: slot.family,
    municipality: slot.municipality,
    committee: slot.committee,
    printedCommittee: printCommittee(random, slot.family, slot.committee, year),
    date: slot.date,
    startTime: slot.startTime,
    endTime,
    location: slot.family === "vejen" ? `${random.zipf(ROOMS)} ${stem} Rådhus` : random.zipf(ROOMS),
    participants,
    items,
  };
}
