import type { Municipality } from "@/lib/minutes";
import type { Random } from "./random";
import { FIRST_NAMES, INSTITUTIONS, LAST_NAMES, MONTHS, PLACE_STEMS, STREETS } from "./vocabulary";
import { SUBJECT_WORDS } from "./topics";

/** What the slots of a sentence are filled from. */
export interface SlotContext {
  municipality: Municipality;
  committee: string;
  year: number;
  /** The topic's key, for {emne}. */
  subject: string;
}

/** "1.250.000": Danish thousands separators. */
export function formatThousands(value: number): string {
  const sign = value < 0 ? "-" : "";
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** A full name from the name lists, first names drawn Zipf-like. */
export function drawName(random: Random): string {
  return `${random.zipf(FIRST_NAMES, 0.6)} ${random.zipf(LAST_NAMES, 0.8)}`;
}

function drawAmount(random: Random): string {
  if (random.chance(0.5)) return `${random.int(1, 99)},${random.int(0, 9)} mio. kr.`;
  return `${formatThousands(random.int(20, 999) * 1000)} kr.`;
}

function drawPercent(random: Random): string {
  return random.chance(0.6) ? `${random.int(2, 95)} %` : `${random.int(1, 9)},${random.int(0, 9)} %`;
}

/** Fills the {slots} of a harvested sentence; unknown slots are left as printed. */
export function fillSlots(template: string, context: SlotContext, random: Random): string {
  const { municipality, year } = context;
  const stem = municipality.stems[0] ?? municipality.name;
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => {
    switch (name) {
      case "kommune":
        return municipality.name;
      case "by":
        return stem;
      case "jobcenter":
        return `Jobcenter ${stem}`;
      case "udvalg":
        return context.committee;
      case "emne":
        return context.subject;
      case "aar":
        return String(year);
      case "forrige":
        return String(year - 1);
      case "naeste":
        return String(year + 1);
      case "naeste3":
        return String(year + 4);
      case "mm":
        return String(random.int(1, 12)).padStart(2, "0");
      case "beloeb":
        return drawAmount(random);
      case "pct":
        return drawPercent(random);
      case "antal":
        return String(random.int(3, 400));
      case "maaned":
        return random.pick(MONTHS);
      case "kvartal":
        return String(random.int(1, 4));
      case "sted":
        return random.pick(PLACE_STEMS) + random.pick(INSTITUTIONS);
      case "vej":
        return random.pick(PLACE_STEMS) + random.pick(STREETS);
      case "person":
        return drawName(random);
      case "emneord":
        return random.zipf(SUBJECT_WORDS);
      default:
        return slot;
    }
  });
}
