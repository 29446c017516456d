import { foldDanish } from "@/lib/text/fold-danish";
import { MONTHS } from "./vocabulary";

/**
 * The titles of the open, topical items of the five sample minutes (data/samples), as the parser
 * reads them; generate-corpus.test.ts checks this list against the samples. The generator never
 * prints one of them or a near-copy: a million real agenda items do not hold thousands of clones
 * of one municipality's title, and the relevance table must measure ranking, not the clones.
 * Routine titles every municipality uses ("Godkendelse af dagsorden", "Meddelelser", closed
 * "Eventuelt") are left out; they hold no relevance query word.
 */
export const SAMPLE_TITLES: readonly string[] = [
  "Orientering om opfølgning på samarbejdet med Banebryderne",
  "Orientering om status på indsatsen overfor fordrevne fra Ukraine",
  "Orientering om opfølgning på handleplan til Integrationspolitikken",
  "Orientering om borgerundersøgelse vedr. implementering af første lovændring under anden delaftale",
  "Orientering om status på særlig indsats på fleksjobområdet",
  "Orientering om STARs resultatmåling",
  "Orientering om udvalgte nøgletal",
  "Digital godkendelse af Beskæftigelses & Integrationsudvalgets referat",
  "Dialogmøde mellem Integrationsforeningen og Arbejdsmarkeds- og Integrationsudvalget",
  "Status på Ukraineindsatsen",
  "Regnskab 2024 for Arbejdsmarkeds- og Integrationsudvalget",
  "Projekt Coachende Samtale",
  "Kend din Kommune - Beskæftigelsesområdet 2025",
  "Fokuspunkter fra ledelsesinformation",
  "Temadrøftelse om ressourceforløb og rehabiliteringsteam",
  "Orientering - sygedagpenge og jobafklaring, december 2022",
  "Eventuel videreførelse af Beskæftigelsesplan fra 2024",
  "Årsplan 2023",
  "Orientering - Forankring af en Sammenhængende Familieindsats",
  "Økonomiopfølgning pr. 30.11.2022 - Udvalget for Arbejdsmarked og Integration",
  "Underskriftsside",
  "Temadrøftelse - Bæredygtighed (ESG)",
  "Godkendelse efter høring af ny beredskabsplan for negativ social kontrol, æresrelaterede konflikter og ekstremisme",
  "Overførsel af uforbrugte budgetbeløb fra 2023-2024 - Udvalget for arbejdsmarked og integration",
  "Orientering om sygedagpenge",
  "Status på indsatsen Sund i Job 2023",
  "Orientering om erfaringer fra projekt Fritidspas",
  "Ledelsesinformation for 4. kvartal 2023 UAI",
  "Drøftelse af Budget 2025-2028 (Udvalget for arbejdsmarked og integration)",
  "Månedlig budgetopfølgning - februar 2023",
  "Efterretning",
  "Underskriftsark",
  "Opsamling på temaet udsathed",
  "Opfølgning på indkaldelsesbreve til borgere",
  "2. behandling af Strategi for beskæftigelsesindsatsen i Vejle Kommune 2024-2027",
  "Tværkommunal borgerundersøgelse og virksomhedsfeedback",
  "Orientering om klagesager",
  "Indkøb af touchskærme",
  "Deltagelse i aktiviteter",
  "Beslutningsprotokol til digital godkendelse af Arbejdsmarkedsudvalget",
];

// Words that do not tell one title from another: prepositions, articles and conjunctions.
const FILLER_WORDS: ReadonlySet<string> = new Set(
  ["af", "om", "paa", "for", "og", "i", "til", "med", "fra", "efter", "vedr", "vedroerende", "en", "et", "den", "det", "de", "under", "mellem", "over", "ny", "nye"].concat(
    MONTHS.map((month) => foldDanish(month)),
  ),
);

/** The words that tell a title apart: folded, without numbers, years, months and filler words. */
export function titleWords(title: string): Set<string> {
  const words = new Set<string>();
  for (const word of foldDanish(title).split(/[^a-z]+/)) {
    if (word !== "" && !FILLER_WORDS.has(word)) words.add(word);
  }
  return words;
}

// Two titles whose telling words overlap this much (Jaccard) are one title printed twice:
// "Erfaringer fra projekt Fritidspas 2021" copies "Orientering om erfaringer fra projekt Fritidspas"
// (3 of 4 words), "Evaluering af projekt Fritidspas" does not (2 of 5).
const NEAR_COPY_OVERLAP = 0.6;

const SAMPLE_WORDS: readonly Set<string>[] = SAMPLE_TITLES.map(titleWords);
const SAMPLES_BY_WORD = new Map<string, number[]>();
SAMPLE_WORDS.forEach((words, index) => {
  for (const word of words) SAMPLES_BY_WORD.set(word, [...(SAMPLES_BY_WORD.get(word) ?? []), index]);
});

/** True when `title` equals a sample title or shares ≥ 60 % of its telling words with one. */
export function isNearSampleTitle(title: string): boolean {
  const words = titleWords(title);
  const candidates = new Set<number>();
  for (const word of words) for (const index of SAMPLES_BY_WORD.get(word) ?? []) candidates.add(index);
  for (const index of candidates) {
    const sample = SAMPLE_WORDS[index] ?? new Set<string>();
    let shared = 0;
    for (const word of words) if (sample.has(word)) shared += 1;
    if (shared / (words.size + sample.size - shared) >= NEAR_COPY_OVERLAP) return true;
  }
  return false;
}
