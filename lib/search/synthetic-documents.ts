import { mulberry32 } from "@/lib/corpus/random";
import { DECISION_OUTCOMES, SECTION_KINDS, type SectionKind } from "@/lib/minutes/vocabulary";
import { slugify, slugifyMunicipality } from "@/lib/text/slugify";
import type { SearchDocument } from "./search-document";

/**
 * A deterministic corpus of synthetic agenda items for tests and measurements. Same seed, same
 * documents. Not realistic prose — Danish words, compounds, case numbers and facet values in
 * plausible proportions.
 */
export function generateSearchDocuments(count: number, seed = 1): SearchDocument[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words = (min: number, max: number): string => {
    const length = min + Math.floor(random() * (max - min + 1));
    return Array.from({ length }, () => pick(VOCABULARY)).join(" ");
  };
  const docs: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const municipality = pick(MUNICIPALITIES);
    const committee = pick(COMMITTEES);
    const year = 2019 + Math.floor(random() * 7);
    const date = `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
    const kle = random() < 0.8 ? pick(KLE_CODES) : null;
    const caseNumber = kle ? `${kle}.00.00-A00-${1 + Math.floor(random() * 99)}-${year % 100}` : `${year % 100}/${1000 + i}`;
    // Unique per document, so a hit's url identifies its document in tests.
    const number = String(i + 1);
    const municipalitySlug = slugifyMunicipality(municipality);
    const committeeSlug = slugify(committee);
    const kinds: SectionKind[] = ["resume", "sagsfremstilling", "indstilling", ...(random() < 0.5 ? [pick(SECTION_KINDS)] : [])];
    docs.push({
      id: 100_000 + i,
      url: `/${municipalitySlug}/${committeeSlug}/${date}/punkt-${number}`,
      title: capitalize(words(3, 8)),
      decision: random() < 0.9 ? capitalize(words(5, 30)) : null,
      outcome: pick(DECISION_OUTCOMES),
      caseNumber,
      kleGroup: kle,
      departsFromRecommendation: i % 17 === 0,
      hasDissent: i % 11 === 0,
      number,
      date,
      municipality,
      municipalitySlug,
      committee,
      committeeSlug,
      sections: kinds.map((kind) => ({ kind, heading: capitalize(kind), text: capitalize(words(30, 260)) })),
    });
  }
  return docs;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const MUNICIPALITIES = [
  "Vejen Kommune", "Faxe Kommune", "Lemvig Kommune", "Varde Kommune", "Vejle Kommune",
  "Aabenraa Kommune", "Høje-Taastrup Kommune", "Bornholms Regionskommune", "Ærø Kommune", "Københavns Kommune",
];

const COMMITTEES = [
  "Arbejdsmarkedsudvalget", "Arbejdsmarked- og Integrationsudvalget", "Økonomiudvalget", "Børne- og Skoleudvalget",
  "Social- og Sundhedsudvalget", "Teknik- og Miljøudvalget", "Kultur- og Fritidsudvalget", "Beskæftigelses- og Integrationsudvalget",
];

const KLE_CODES = ["00", "01", "02", "03", "05", "15", "17", "27", "28", "29", "32", "82", "85"];

const VOCABULARY = [
  "og", "i", "at", "det", "en", "til", "af", "for", "med", "på", "som", "er", "der", "ikke", "om",
  "kommunen", "borgere", "borgerne", "udvalget", "udvalg", "beslutning", "godkendt", "godkendes", "godkender",
  "indstilling", "forvaltningen", "sagsfremstilling", "budget", "budgettet", "økonomi", "bevilling", "tillægsbevilling",
  "sygedagpenge", "sygedagpengesager", "sygedagpengesystemet", "fleksjob", "fleksjobområdet", "fleksjobvisiterede",
  "ledighed", "ledige", "jobcenter", "jobcentret", "beskæftigelse", "integration", "flygtninge", "ukrainske", "Ukraine",
  "trafiksikkerhed", "trafiksikkerhedsplan", "skole", "skolerne", "ældre", "ældreområdet", "plejehjem", "hjemmepleje",
  "høringssvar", "høring", "høringen", "klage", "klager", "Ankestyrelsen", "afgørelse", "afgørelser", "lovgivning",
  "kontanthjælp", "uddannelseshjælp", "ressourceforløb", "revalidering", "førtidspension", "virksomheder", "praktik",
  "løntilskud", "mentor", "indsats", "indsatser", "målgruppe", "målgruppen", "resultater", "statistik", "opfølgning",
  "touchskærme", "digitalisering", "it-system", "projekt", "projektet", "evaluering", "kvartal", "2000", "2024",
  "1.500.000", "kr.", "mio.", "får", "far", "Åbenrå", "Aabenraa", "negativ", "social", "kontrol", "æresrelaterede",
  "konflikter", "boliger", "boligsociale", "handleplan", "strategi", "orientering", "drøftelse", "efterretning",
];
