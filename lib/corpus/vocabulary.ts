import type { Outcome } from "@/lib/minutes";

/**
 * Word lists for the synthetic corpus, harvested from the five sample minutes and generalised.
 * Lists are ordered most typical first: the generator draws several of them Zipf-like.
 */

/** Committees as the templates name them, with the topic keys (see topics.ts) they mostly handle. */
export const COMMITTEES: ReadonlyArray<{ name: string; topics: readonly string[] }> = [
  { name: "Arbejdsmarkedsudvalget", topics: ["beskæftigelse", "sygedagpenge", "fleksjob", "integration", "budget"] },
  { name: "Udvalget for arbejdsmarked og integration", topics: ["sygedagpenge", "integration", "fleksjob", "beskæftigelse", "budget"] },
  { name: "Beskæftigelses & Integrationsudvalget", topics: ["fleksjob", "integration", "beskæftigelse", "sygedagpenge", "budget"] },
  { name: "Arbejdsmarkeds- og Integrationsudvalget", topics: ["integration", "beskæftigelse", "sundhed", "fleksjob", "budget"] },
  { name: "Børne- og Skoleudvalget", topics: ["skole", "børn og unge", "budget", "høringssvar"] },
  { name: "Udvalget for skoler og børn", topics: ["børn og unge", "skole", "høringssvar", "budget"] },
  { name: "Social- og Sundhedsudvalget", topics: ["ældre", "sundhed", "budget", "høringssvar"] },
  { name: "Ældre- og Sundhedsudvalget", topics: ["ældre", "sundhed", "høringssvar", "budget"] },
  { name: "Teknik- og Miljøudvalget", topics: ["trafiksikkerhed", "lokalplan", "affald", "klima", "budget"] },
  { name: "Udvalget for teknik og miljø", topics: ["lokalplan", "trafiksikkerhed", "klima", "affald", "høringssvar"] },
  { name: "Plan- og Boligudvalget", topics: ["lokalplan", "boliger", "høringssvar", "budget"] },
  { name: "Klima- og Miljøudvalget", topics: ["klima", "affald", "høringssvar", "trafiksikkerhed"] },
  { name: "Kultur- og Fritidsudvalget", topics: ["kultur og fritid", "budget", "børn og unge", "høringssvar"] },
  { name: "Økonomiudvalget", topics: ["budget", "digitalisering", "høringssvar", "boliger", "beredskab"] },
  { name: "Erhvervs- og Beskæftigelsesudvalget", topics: ["beskæftigelse", "fleksjob", "digitalisering", "budget"] },
];

export const FIRST_NAMES: readonly string[] = [
  "Anne", "Jens", "Mette", "Peter", "Hanne", "Søren", "Lars", "Kirsten", "Morten", "Tina", "Henrik", "Lise",
  "Martin", "Charlotte", "Knud", "Birgit", "Thomas", "Susanne", "Niels", "Pia", "Anders", "Camilla", "Rasmus",
  "Helle", "Jørgen", "Sarah", "Kasper", "Inger", "Michael", "Louise",
];

export const LAST_NAMES: readonly string[] = [
  "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
  "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
  "Møller", "Mortensen", "Dalgaard", "Filskov", "Bossen", "Lauridsen", "Vinther", "Kastrup", "Bach", "Holm",
];

/** Party letters printed after a member's name ("Nellie Bradsted (V)"). */
export const PARTIES: readonly string[] = ["V", "A", "C", "F", "O", "B", "Ø", "I", "D", "Æ"];

export const ROOMS: readonly string[] = [
  "Udvalgslokale 2", "Mødelokale 1", "Byrådssalen", "Kongeåen (3. sal)", "Mødelokale 8+9", "Udvalgsværelse 2",
  "Skolegade 1 - mødelokale 1", "Lokale 204", "Jobcentret, mødelokale 3",
];

/** Start times of committee meetings; the evening ones are Faxe's. */
export const START_TIMES: readonly string[] = ["08:00", "14:00", "15:00", "08:30", "16:00", "13:00", "09:00", "19:00", "15:30", "17:00"];

/** Officials who sign a recommendation ("<title> <name> indstiller, at"); null: the title alone. */
export const OFFICIALS: ReadonlyArray<{ title: string; isNamed: boolean }> = [
  { title: "Chef for Arbejdsmarkedsafdelingen", isNamed: true },
  { title: "Kommunaldirektøren", isNamed: false },
  { title: "Direktør", isNamed: true },
  { title: "Chef for Familie, Handicap & Socialpsykiatri", isNamed: true },
  { title: "Chef for Sundhed & Sammenhæng", isNamed: true },
  { title: "Chef for Teknik & Miljø", isNamed: true },
];

/** Vejle's standalone recommendation heading ("Økonomi- og arbejdsmarkedsdirektøren indstiller"). */
export const DIRECTORS: readonly string[] = [
  "Økonomi- og arbejdsmarkedsdirektøren",
  "Børne- og uddannelsesdirektøren",
  "Teknik- og miljødirektøren",
  "Social- og sundhedsdirektøren",
];

/** Lemvig's "<Direktør for …> indstiller". */
export const LEMVIG_DIRECTORS: readonly string[] = [
  "Direktør for Social/Sundhed og Arbejdsmarked",
  "Direktør for Børn og Kultur",
  "Direktør for Teknik og Miljø",
  "Kommunaldirektøren",
];

/** Sentences that fit any item; the slots are those of topics.ts plus {emne}, the topic's key. */
export const GENERIC_SENTENCES: readonly string[] = [
  "Udvalget orienteres om status på {emne}.",
  "På mødet vil forvaltningen gennemgå de seneste tilgængelige tal for {emne}.",
  "Sagen er sendt til orientering samtidig i flere fagudvalg.",
  "Administrationen er opmærksom på, at dette kan medføre udfordringer i overgangsperioden.",
  "Det vurderes, at indsatsen understøtter kommunens tværgående arbejde med {emne}.",
  "Efter behandlingen i {udvalg} sendes sagen til godkendelse i Økonomiudvalget og Byrådet.",
  "Forvaltningen har udarbejdet et udkast, som udvalget skal drøfte.",
  "Der er tale om en videreførelse af den nuværende praksis i {kommune}.",
  "Arbejdet med {emne} har været i gang på de seneste udvalgsmøder.",
  "Tal fra Danmarks Statistik og KL indgår i vurderingen.",
  "Udvalget har tidligere besluttet at følge udviklingen på området tæt.",
  "Med denne sag orienteres {udvalg} om {emne} i {kommune}.",
  "Der forventes en ny aftale mellem regeringen og KL inden for kort tid.",
  "{person} deltager under behandlingen af punktet.",
  "Indsatsen evalueres efter to år, og udvalget får forelagt en status.",
  "I {forrige} var der {antal} sager vedrørende {emne} mod {antal} året før.",
  "Udgifterne til {emne} udgjorde {beloeb} i {forrige}.",
  "Andelen af borgere omfattet af indsatsen for {emne} er steget med {pct} siden {maaned} {forrige}.",
  "Der er afholdt {antal} møder med samarbejdspartnere om {emne} i løbet af året.",
  "Forvaltningen forventer, at antallet af sager om {emne} stabiliseres i {naeste}.",
  "Sammenlignet med landsgennemsnittet ligger {kommune} {pct} lavere på området.",
  "Der er ansat {antal} medarbejdere i den nye enhed pr. 1. {maaned} {aar}.",
];

/** Sub-headings used inside a case description; none of them is a section heading of the parser. */
export const SUBHEADINGS: readonly string[] = [
  "Baggrund", "Status", "Den videre proces", "Resultater", "Indhold og omfang af indsatsen", "Tidsplan",
  "Organisering", "Erfaringer og udvikling af samarbejdet", "Nøgletal",
];

/** Decision texts per outcome, as the committees write them. */
export const DECISIONS: Readonly<Record<Outcome, readonly string[]>> = {
  approved: ["Godkendt.", "Indstillingen blev godkendt.", "Godkendt som indstillet.", "Udvalget godkendte indstillingen."],
  recommended: ["Anbefales.", "Indstilles godkendt.", "Udvalget anbefaler Økonomiudvalget og Byrådet at godkende indstillingen."],
  noted: ["Taget til efterretning.", "Orienteringen blev taget til efterretning.", "Til efterretning.", "Orientering taget til efterretning."],
  discussed: ["Drøftet.", "Sagen blev drøftet.", "Temaet blev drøftet på mødet."],
  postponed: ["Udsat.", "Sagen udsættes.", "Sagen blev udsat til næste møde."],
  rejected: ["Ikke godkendt.", "Indstillingen blev ikke godkendt.", "Forslaget blev afvist."],
  none: ["Intet.", "Ingen bemærkninger."],
  other: [
    "Udvalget ønsker en ny plan for perioden {naeste} til og med {naeste3}.",
    "Sagen sendes tilbage til forvaltningen med henblik på yderligere belysning.",
    "Fællesmøde holdes onsdag den 29. november kl. 16.00 - 18.00.",
    "Udvalget ønsker at besøge to virksomheder i løbet af foråret.",
  ],
};

/** Remarks that may follow a decision in its own paragraph. */
export const DECISION_REMARKS: readonly string[] = [
  "Udvalget udtrykker tilfredshed med medarbejdernes indsats.",
  "Udvalget takker for oplægget.",
  "Udvalget ønsker en status om et år.",
];

/** Titles of closed items ("Lukket: Eventuelt"); "" prints Faxe's bare "Lukket:". */
export const CLOSED_TITLES: readonly string[] = [
  "Eventuelt", "Gensidig orientering", "", "Salg af grund", "Personalesag", "Udbud af rengøring", "Klage over afgørelse", "Køb af ejendom",
];

/**
 * Body sentences of closed items: the parser must drop them. They carry names, addresses and
 * amounts, which is why such items are closed, and share no sentence with the public vocabulary.
 */
export const CLOSED_SENTENCES: readonly string[] = [
  "Fortroligt: {person} har afgivet et bud på {beloeb} for ejendommen Tingvej {antal}.",
  "Fortroligt: Medarbejderen {person} er varslet afsked med virkning fra 1. {maaned}.",
  "Fortroligt: Tilbudsgiver nr. {antal} har afgivet den laveste pris på {beloeb}.",
  "Fortroligt: Klageren {person} har ved brev anmodet om aktindsigt i sag nr. {antal}.",
  "Fortroligt: Borgmesteren orienterede om en henvendelse fra {person} om matr.nr. {antal}a.",
];

export const ECONOMY_SENTENCES: readonly string[] = [
  "Ingen økonomiske konsekvenser.",
  "Ingen.",
  "Sagen har ingen økonomiske konsekvenser for {aar}.",
  "Udgiften på {beloeb} finansieres inden for udvalgets ramme.",
];

export const LAWS: readonly string[] = [
  "Lov om aktiv beskæftigelsesindsats.", "Kommunalfuldmagten.", "Lov om sygedagpenge.", "Lov om social service.",
  "Lov om kommunernes styrelse.", "Barnets lov.", "Lov om planlægning.", "Integrationsloven.",
];

/** Month names in Danish, January first. */
export const MONTHS: readonly string[] = [
  "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december",
];

/** Weekday names in Danish, Sunday first (as Date.getUTCDay counts). */
export const WEEKDAYS: readonly string[] = ["Søndag", "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag"];

/** Row labels for tables (budget areas). */
export const TABLE_AREAS: readonly string[] = [
  "Forsørgelse", "Beskæftigelsesordninger", "Administration", "Drift", "Anlæg", "Ældreboliger", "Tilbud og indsatser", "Personale",
];

/** How topical titles open, most frequent first: "Orientering om …", "Godkendelse af …". */
export const TITLE_ACTIONS: readonly string[] = [
  "Orientering om", "Godkendelse af", "Status på", "Drøftelse af", "Opfølgning på", "Høring over", "Evaluering af",
  "Forslag til", "Beslutning om", "Temadrøftelse om", "Revision af", "Prioritering af", "Ansøgning om midler til",
  "Udmøntning af", "Afrapportering på", "Henvendelse vedrørende", "Analyse af", "Principper for", "Tilsyn med",
  "Midtvejsevaluering af", "Anbefaling vedrørende", "Forlængelse af",
];

/** How titles that open with their subject end: "Fleksjobområdet - status". */
export const TITLE_TAILS: readonly string[] = [
  "status", "orientering", "godkendelse", "drøftelse", "opfølgning", "evaluering", "høring", "beslutning", "udmøntning",
  "endelig vedtagelse", "genoptagelse", "principbeslutning",
];

/** Qualifiers after a title, as committees add them; "" most often. */
export const TITLE_SUFFIXES: readonly string[] = [
  " {aar}", " - {maaned} {aar}", " {aar}-{naeste3}", " i {by}", " - {udvalg}", " ({udvalg})", " - 2. behandling",
  " - {kvartal}. kvartal {aar}", " i {kommune}", " pr. 1. {maaned} {aar}", " - opfølgning fra {forrige}", " på {sted}",
];

/** First halves of place names: "Vester" + "skolen", "Rosen" + "vej". */
export const PLACE_STEMS: readonly string[] = [
  "Vester", "Øster", "Nørre", "Sønder", "Bakke", "Skov", "Strand", "Rosen", "Lind", "Eng", "Ege", "Birke", "Mølle",
  "Kirke", "Å", "Fjord", "Hede", "Toft", "Holme", "Sol",
];

/** Second halves of institution names ("Vesterskolen"). */
export const INSTITUTIONS: readonly string[] = ["skolen", "hallen", "gården", "huset", "centret", "parken", "bo"];

/** Second halves of street names ("Rosenvej"). */
export const STREETS: readonly string[] = ["vej", "gade", "alle", "vænget", "stien", "bakken", "toften"];
