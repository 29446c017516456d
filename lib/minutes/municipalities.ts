/**
 * Denmark's 98 municipalities (kommuner) since 2007, by official name, with the stems the name
 * appears under in running text ("Københavns Kommune", "Vejen Rådhus", "Jobcenter Vejle").
 * Christiansø is not a municipality (it is administered by the state) and is deliberately absent.
 */
export interface Municipality {
  /** Official name: "Vejen Kommune", "Københavns Kommune", "Bornholms Regionskommune". */
  name: string;
  /** Forms used before "Kommune", "Rådhus" etc. and accepted as a hint; the first is the short name. */
  stems: readonly string[];
}

const SIMPLE_NAMES = [
  "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Brøndby", "Brønderslev", "Dragør",
  "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg", "Fredericia", "Frederiksberg",
  "Frederikshavn", "Frederikssund", "Furesø", "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup",
  "Greve", "Gribskov", "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev",
  "Herning", "Hillerød", "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup",
  "Hørsholm", "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding", "Køge",
  "Langeland", "Lejre", "Lemvig", "Lolland", "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart",
  "Morsø", "Norddjurs", "Nyborg", "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild",
  "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal", "Rødovre", "Samsø", "Silkeborg",
  "Skanderborg", "Skive", "Slagelse", "Solrød", "Sorø", "Stevns", "Struer", "Svendborg", "Syddjurs",
  "Sønderborg", "Thisted", "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen", "Vejle", "Viborg",
  "Vordingborg", "Ærø", "Aabenraa", "Aalborg", "Aarhus",
] as const;

/** Alternative spellings seen in minutes ("Århus Kommune", "Høje Taastrup"). */
const EXTRA_STEMS: Readonly<Record<string, readonly string[]>> = {
  Aarhus: ["Århus"],
  Aalborg: ["Ålborg"],
  Aabenraa: ["Åbenrå"],
  "Høje-Taastrup": ["Høje Taastrup"],
  "Lyngby-Taarbæk": ["Lyngby Taarbæk"],
  "Ringkøbing-Skjern": ["Ringkøbing Skjern"],
  "Ikast-Brande": ["Ikast Brande"],
  "Faaborg-Midtfyn": ["Faaborg Midtfyn"],
};

/** The 98 municipalities. */
export const MUNICIPALITIES: readonly Municipality[] = [
  ...SIMPLE_NAMES.map((stem) => ({ name: `${stem} Kommune`, stems: [stem, ...(EXTRA_STEMS[stem] ?? [])] })),
  { name: "Københavns Kommune", stems: ["København", "Københavns"] },
  { name: "Bornholms Regionskommune", stems: ["Bornholm", "Bornholms"] },
  { name: "Nordfyns Kommune", stems: ["Nordfyn", "Nordfyns"] },
  { name: "Vesthimmerlands Kommune", stems: ["Vesthimmerland", "Vesthimmerlands"] },
];

function fold(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

const BY_FORM: ReadonlyMap<string, Municipality> = new Map(
  MUNICIPALITIES.flatMap((municipality) => [
    [fold(municipality.name), municipality] as const,
    ...municipality.stems.flatMap((stem) => [
      [fold(stem), municipality] as const,
      [fold(`${stem} Kommune`), municipality] as const,
    ]),
  ]),
);

/** Resolve a hint ("Vejen", "Vejen Kommune", "københavn") to a municipality, or null if unknown. */
export function resolveMunicipality(hint: string): Municipality | null {
  return BY_FORM.get(fold(hint)) ?? null;
}

const MENTION = /(?:[Kk]ommunes?|Rådhus|Byråd(?:et)?|Kommunalbestyrelse|Regionskommune)(?!\p{L})/gu;
const JOBCENTER = /Jobcenter\s+([\p{L}-]+)/gu;

/** How often each municipality is named in a text ("Vejen Kommune", "Vejen Rådhus", "Jobcenter Vejen"). */
export function countMunicipalityMentions(text: string): Map<Municipality, number> {
  const counts = new Map<Municipality, number>();
  const add = (municipality: Municipality | null): void => {
    if (municipality) counts.set(municipality, (counts.get(municipality) ?? 0) + 1);
  };
  // Anchor on the words after a name and look back, instead of one alternation of 100 names.
  for (const match of text.matchAll(MENTION)) {
    const words = text.slice(Math.max(0, match.index - 40), match.index).split(/\s+/);
    const last = words[words.length - 2];
    if (words[words.length - 1] !== "" || last === undefined || last === "") continue;
    const secondLast = words[words.length - 3];
    const twoWords = secondLast === undefined ? null : resolveMunicipality(`${secondLast} ${last}`);
    add(twoWords ?? resolveMunicipality(last));
  }
  for (const match of text.matchAll(JOBCENTER)) add(resolveMunicipality(match[1] ?? ""));
  return counts;
}

/**
 * Infer the municipality a document belongs to: a single municipality named in the header wins;
 * otherwise the most-named one in the whole text, but only with at least two mentions and twice as
 * many as the runner-up. Never a guess: returns null when neither rule decides.
 */
export function inferMunicipality(headerText: string, fullText: string): Municipality | null {
  const inHeader = [...countMunicipalityMentions(headerText).keys()];
  if (inHeader.length === 1 && inHeader[0]) return inHeader[0];
  const ranked = [...countMunicipalityMentions(fullText).entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return null;
  const runnerUp = second?.[1] ?? 0;
  // Varde's sample names "Varde Kommune" twice and "Århus Kommune" once: two-to-one is enough.
  if (first[1] >= 2 && first[1] >= 2 * runnerUp) return first[0];
  return null;
}
