/**
 * Topics of agenda items, most frequent first (the generator draws them Zipf-like). Sentences are
 * harvested from the five sample minutes and generalised with slots the generator fills:
 * {kommune} "Vejen Kommune", {by} "Vejen", {jobcenter} "Jobcenter Vejen", {udvalg} the committee,
 * {aar}/{forrige}/{naeste} years, {beloeb} an amount, {pct} a percentage, {antal} a count,
 * {maaned} a month, {person} a name.
 */
export interface Topic {
  /** Search term the topic is about, e.g. "fleksjob". */
  key: string;
  /** KLE main groups ("15" Arbejdsmarked) its case numbers are filed under. */
  kle: readonly string[];
  titles: readonly string[];
  /** Sentences for the summary and the case description, most typical first. */
  sentences: readonly string[];
  /** "at …" clauses of the recommendation, without the leading "at". */
  proposals: readonly string[];
  attachments: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    key: "budget",
    kle: ["00", "81"],
    titles: [
      "Månedlig budgetopfølgning - {maaned} {aar}",
      "Drøftelse af Budget {naeste}-{naeste3} ({udvalg})",
      "Overførsel af uforbrugte budgetbeløb fra {forrige}-{aar}",
      "Økonomiopfølgning pr. 30.{mm}.{aar} - {udvalg}",
      "Regnskab {forrige} for {udvalg}",
    ],
    sentences: [
      "{udvalg} følger den økonomiske udvikling på området tæt.",
      "Budgetopfølgningen viser et forventet mindreforbrug på ca. {beloeb} i {aar}.",
      "Det kan primært henføres til en lavere ledighed og et mindreforbrug på forsikrede ledige, kontant- og uddannelseshjælp.",
      "Økonomiudvalget godkendte på mødet i februar Mål og procedurer for budgetlægningen for {naeste}-{naeste3}.",
      "Udvalgene skal som en del af budgetlægningen drøfte initiativer, der er igangsat inden for udvalgets område.",
      "Der er stadig væsentlig usikkerhed omkring, hvordan konjunkturudviklingen med stigende priser og renter vil påvirke området.",
      "Det samlede mindreforbrug på driftsområderne udgør {beloeb} ud af et samlet korrigeret budget.",
      "Fagudvalgene beslutter senest på udvalgsmødet i maj, hvilke reduktionsblokke, udvidelsesblokke og anlægsønsker der oversendes til budgetlægningen.",
      "Som følge af det snævre økonomiske råderum vil mulighederne for finansiering af nye indsatser være meget begrænsede.",
      "{kommune} har for nylig skiftet til et nyt økonomisystem, hvilket har medført justeringer i flere arbejdsgange.",
    ],
    proposals: [
      "budgetopfølgningen tages til efterretning",
      "udvalget drøfter emner, hvor der skal udarbejdes forslag til reduktionsblokke",
      "forslag til overførsler indstilles til Økonomiudvalgets anbefaling og Byrådets godkendelse",
      "regnskabet for {forrige} godkendes",
    ],
    attachments: ["Samleark - driftsoverførsler til {aar}", "Budgetopfølgning {maaned} {aar}", "Mål og procedurer for budgetlægningen {naeste}-{naeste3}"],
  },
  {
    key: "sygedagpenge",
    kle: ["15", "32"],
    titles: [
      "Orientering om sygedagpenge",
      "Orientering - sygedagpenge og jobafklaring, {maaned} {aar}",
      "Status på indsatsen Sund i Job {forrige}",
      "Opfølgning på fokusrevision af sygedagpengeområdet",
    ],
    sentences: [
      "Andelen af sygemeldte borgere har været høj de senere år.",
      "I {aar} budgetteres der med samlet {antal} fuldtidspersoner på sygedagpenge og jobafklaringsforløb.",
      "Udvalget orienteres om de foreløbige resultater af den kritiske gennemgang af sygedagpengereglerne.",
      "Konklusionerne peger på, at de alvorligt syge typisk kommer i klemme ved overgang til jobafklaring.",
      "Fokusrevisionen viser, at kommunerne overordnet set administrerer sygedagpengereglerne efter gældende lovgivning.",
      "{jobcenter} har styrket samarbejdet med de praktiserende læger om sygemeldte borgere.",
      "Der er indført en ny opgørelsesmetode for antallet af sygedagpengesager.",
      "Sund i Job er en sundhedsindsats for sygedagpengemodtagere og borgere i jobafklaringsforløb.",
    ],
    proposals: ["orienteringen om sygedagpenge tages til efterretning", "udvalget drøfter status på indsatsen for sygemeldte borgere"],
    attachments: ["Hovedkonklusioner fra afdækning af sygedagpengeregler", "Afrapportering fokusrevision sygedagpenge", "Nøgletal sygedagpenge {maaned} {aar}"],
  },
  {
    key: "fleksjob",
    kle: ["15"],
    titles: [
      "Orientering om status på særlig indsats på fleksjobområdet",
      "Fleksjob - opfølgning på investeringsforslag",
      "Ledighedsydelse og fleksjob - status {aar}",
    ],
    sentences: [
      "Med vedtagelse af budget {aar} blev der besluttet en særlig indsats på fleksjobområdet.",
      "Den særlige indsats indebærer en styrket og mere håndholdt indsats for borgere ansat i fleksjob.",
      "Antallet af personer i fleksjob, der øger deres arbejdstid, ligger på et højere niveau end tidligere.",
      "Der er fokus på at holde antallet af borgere på ledighedsydelse på et lavt niveau.",
      "Investeringsforslaget er baseret på en besparelse på fleksjobydelse på {beloeb} årligt.",
      "{kommune} har forholdsvis flere visiterede til fleksjob, som ikke er i arbejde.",
      "Nøgletallet viser, at {pct} af de fleksjobvisiterede borgere modtager ledighedsydelse.",
    ],
    proposals: ["orienteringen om fleksjobområdet tages til efterretning", "indsatsen på fleksjobområdet videreføres i {naeste}"],
    attachments: ["Nøgletal fleksjob {aar}", "Investeringsforslag fleksjob"],
  },
  {
    key: "integration",
    kle: ["27", "15"],
    titles: [
      "Orientering om status på indsatsen overfor fordrevne fra Ukraine",
      "Opfølgning på handleplan til Integrationspolitikken",
      "Dialogmøde med Integrationsforeningen",
      "Boligplacering af flygtninge {aar}",
    ],
    sentences: [
      "Med denne sag orienterer administrationen om integrationsindsatsen i {kommune}.",
      "Der er fokus på, at integration sker på arbejdsmarkedet, da det er her man lærer det danske sprog.",
      "Integrationspolitikken indeholder seks pejlemærker for integrationsindsatsen.",
      "I modtageteamet er der fortsat fokus på at sikre den gode modtagelse.",
      "Der arbejdes målrettet på at etablere flygtningene i virksomhedspraktikker og nytteindsats.",
      "Særloven for fordrevne fra Ukraine er forlænget, så opholdsgrundlaget er gældende et år mere.",
      "Der er pt. {antal} personer, som er visiteret jobparate, og som ikke er i beskæftigelse.",
      "Integrationsindsatsen kræver koordinering på tværs af fagcentrene i kommunen.",
    ],
    proposals: ["orienteringen om integrationsindsatsen tages til efterretning", "handleplanen for integration godkendes"],
    attachments: ["Integrationspolitik {forrige}", "Handleplan til integrationspolitikken med status"],
  },
  {
    key: "høringssvar",
    kle: ["00", "01"],
    titles: [
      "Høringssvar vedrørende {emneord}",
      "Godkendelse efter høring af ny beredskabsplan for negativ social kontrol",
      "Høring af forslag til ny politik for {emneord}",
    ],
    sentences: [
      "Udkastet har været i høring i Handicaprådet og Ældrerådet.",
      "Forvaltningen har modtaget {antal} høringssvar, som er samlet i vedlagte hvidbog.",
      "Høringssvarene giver ikke anledning til at rette i forslaget.",
      "Fælles høringssvar fra Arbejdsmarkedsforum er vedlagt som bilag til sagen.",
      "Høringsperioden løb fra 1. {maaned} til udgangen af måneden.",
    ],
    proposals: ["høringssvaret godkendes og sendes til ministeriet", "forslaget godkendes efter høring"],
    attachments: ["Hvidbog over høringssvar", "Høringsmateriale", "Fælles høringssvar {aar}"],
  },
  {
    key: "ældre",
    kle: ["27", "29"],
    titles: ["Kvalitetsstandard for hjemmepleje {naeste}", "Status på plejeboliger og ventelister", "Ældrepolitik {naeste}-{naeste3}"],
    sentences: [
      "Antallet af ældre over 80 år forventes at stige med {pct} frem mod {naeste3}.",
      "Ventelisten til plejeboliger er faldet til {antal} borgere.",
      "Ældrerådet har afgivet høringssvar til kvalitetsstandarden.",
      "Hjemmeplejen oplever fortsat udfordringer med rekruttering af social- og sundhedsassistenter.",
      "Forvaltningen foreslår en ny model for visitation til praktisk hjælp i eget hjem.",
    ],
    proposals: ["kvalitetsstandarden for hjemmepleje godkendes", "status på plejeboliger tages til efterretning"],
    attachments: ["Kvalitetsstandard hjemmepleje", "Høringssvar fra Ældrerådet"],
  },
  {
    key: "skole",
    kle: ["17"],
    titles: ["Skoleårets planlægning {aar}/{naeste}", "Kvalitetsrapport for folkeskolerne", "Elevtal og klassedannelse {aar}"],
    sentences: [
      "Kvalitetsrapporten viser, at de faglige resultater i dansk og matematik er på niveau med landsgennemsnittet.",
      "Elevtallet forventes at falde med {antal} elever over de næste fem år.",
      "Skolebestyrelserne har haft forslaget til udtalelse.",
      "Trivselsmålingen viser, at {pct} af eleverne trives i skolen.",
      "Forvaltningen anbefaler, at klassedannelsen fastholdes på de nuværende skoler.",
    ],
    proposals: ["kvalitetsrapporten godkendes", "planlægningen af skoleåret tages til efterretning"],
    attachments: ["Kvalitetsrapport {aar}", "Elevtalsprognose {aar}-{naeste3}"],
  },
  {
    key: "trafiksikkerhed",
    kle: ["05"],
    titles: ["Trafiksikkerhedsplan {naeste}-{naeste3}", "Hastighedsdæmpning på skoleveje", "Cykelstier og trafiksikkerhed - prioritering"],
    sentences: [
      "Trafiksikkerhedsplanen peger på {antal} strækninger, hvor der er behov for tiltag.",
      "Borgerne har i høringsperioden særligt peget på skolevejene.",
      "Politiet har deltaget i udarbejdelsen af planen.",
      "Der er afsat {beloeb} i anlægsbudgettet til trafiksikkerhed.",
      "Antallet af trafikuheld med personskade er faldet de seneste år.",
    ],
    proposals: ["trafiksikkerhedsplanen godkendes", "prioriteringen af cykelstier godkendes"],
    attachments: ["Trafiksikkerhedsplan", "Kort over prioriterede strækninger"],
  },
  {
    key: "beskæftigelse",
    kle: ["15"],
    titles: [
      "Strategi for beskæftigelsesindsatsen i {kommune} {naeste}-{naeste3}",
      "Ledelsesinformation for 4. kvartal {forrige}",
      "Orientering om STARs resultatmåling",
      "Orientering om klagesager",
    ],
    sentences: [
      "Nøgletallet viser, at {kommune} har en ledighedsprocent på {pct}.",
      "Styrelsen for Arbejdsmarked og Rekruttering måler to gange årligt kommunernes indsats på beskæftigelsesområdet.",
      "{jobcenter} er årligt i kontakt med mere end {antal} virksomheder.",
      "Ankestyrelsen er garant for, at jobcentrets afgørelser træffes på et lovmedholdeligt grundlag.",
      "Resultaterne af indsatsen på arbejdsmarkedsområdet er generelt tilfredsstillende.",
      "Det er en høj andel af borgerne, som fortsætter i ansættelse efter et virksomhedsrettet tilbud.",
    ],
    proposals: ["orienteringen tages til efterretning", "strategien anbefales over for Økonomiudvalget og Byrådet"],
    attachments: ["Ledelsesrapport {aar}", "Resultatmålinger STAR {forrige}-{aar}"],
  },
  {
    key: "børn og unge",
    kle: ["28"],
    titles: ["Forankring af en sammenhængende familieindsats", "Orientering om erfaringer fra projekt Fritidspas", "Anbringelser og forebyggelse {aar}"],
    sentences: [
      "Fritidspas er et tilbud til børn og unge under 18 år, der ikke deltager i et fritidstilbud.",
      "I budget {forrige} blev det besluttet at afsætte {beloeb} årligt til den sammenhængende familieindsats.",
      "Det tværfaglige team består af SSP, Børn- og Ungeenheden og Socialpædagogisk Center.",
      "Antallet af anbringelser er faldet med {pct} siden {forrige}.",
    ],
    proposals: ["den nye model for organisatorisk forankring godkendes", "orienteringen om Fritidspas tages til efterretning"],
    attachments: ["Faktaark familieindsatsen", "Evaluering af Fritidspas"],
  },
  {
    key: "klima",
    kle: ["09", "13"],
    titles: ["Klimahandleplan - status {aar}", "Temadrøftelse - Bæredygtighed (ESG)", "Grøn omstilling af kommunens bilpark"],
    sentences: [
      "ESG dækker over væsentlig information om en virksomhed indenfor miljø og klima.",
      "Klimahandleplanen har som mål at reducere udledningen af drivhusgasser med {pct}.",
      "{kommune} ønsker at understøtte virksomhedernes arbejde med bæredygtighed.",
      "Der er afsat {beloeb} til energirenovering af kommunale bygninger.",
    ],
    proposals: ["status på klimahandleplanen tages til efterretning", "udvalget gennemfører en temadrøftelse om bæredygtighed"],
    attachments: ["Klimahandleplan", "Oplæg om ESG"],
  },
  {
    key: "boliger",
    kle: ["03"],
    titles: ["Salg af kommunale boliger", "Almene boliger - skema A", "Midlertidige boliger til flygtninge"],
    sentences: [
      "Der bor i alt {antal} beboere i de midlertidige boliger.",
      "Boligselskabet har ansøgt om godkendelse af skema A for {antal} almene familieboliger.",
      "Den samlede anskaffelsessum udgør {beloeb}.",
      "Der er i budget {aar} peget på salg af boligerne, som fraflyttes ved årets udgang.",
    ],
    proposals: ["skema A godkendes", "salget af boligerne godkendes"],
    attachments: ["Skema A", "Oversigt over boliger"],
  },
  {
    key: "kultur og fritid",
    kle: ["20", "18"],
    titles: ["Fordeling af puljen til foreningslivet {aar}", "Kulturstrategi {naeste}-{naeste3}", "Haltider og lokaletildeling"],
    sentences: [
      "Puljen til foreningslivet er på {beloeb} i {aar}.",
      "Der er modtaget {antal} ansøgninger til puljen.",
      "Foreningerne har givet udtryk for, at der er behov for flere haltimer.",
      "Kulturstrategien bygger på dialogmøder med foreninger og institutioner.",
    ],
    proposals: ["fordelingen af puljen godkendes", "kulturstrategien sendes i høring"],
    attachments: ["Ansøgninger til puljen", "Kulturstrategi - udkast"],
  },
  {
    key: "sundhed",
    kle: ["29"],
    titles: ["Sundhedsaftalen {aar}-{naeste3}", "Forebyggelse og sundhedsfremme - status", "Projekt Coachende Samtale"],
    sentences: [
      "Indsatsen skal bidrage til at indfri de politiske målsætninger i Sundhedsaftalen.",
      "Projektet har modtaget {beloeb} fra Sundhedsforumpuljen.",
      "{pct} af deltagerne er vendt tilbage til selvforsørgelse inden 22 uger.",
      "De samlede trivselsresultater målt via WHO-5 viser en positiv udvikling.",
    ],
    proposals: ["projektet forlænges til udgangen af {naeste}", "status på sundhedsfremme tages til efterretning"],
    attachments: ["Ansøgning til sundhedspuljen", "Evaluering {aar}"],
  },
  {
    key: "lokalplan",
    kle: ["01", "02"],
    titles: ["Forslag til lokalplan nr. {antal}", "Planstrategi {aar}", "Byggetilladelse og dispensation"],
    sentences: [
      "Lokalplanen giver mulighed for opførelse af {antal} boliger.",
      "Forslaget har været fremlagt i offentlig høring i otte uger.",
      "Planstrategien sætter retningen for kommunens fysiske udvikling.",
      "Der er ikke krav om miljøvurdering af planforslaget.",
    ],
    proposals: ["lokalplanforslaget vedtages endeligt", "planstrategien sendes i offentlig høring"],
    attachments: ["Lokalplanforslag", "Miljøscreening"],
  },
  {
    key: "digitalisering",
    kle: ["85", "00"],
    titles: ["Indkøb af touchskærme", "Digitaliseringsstrategi {naeste}-{naeste3}", "Selvbetjening og digital post"],
    sentences: [
      "Jobcentret er i gang med en omstilling til et digitalt jobcenter.",
      "Der er indhentet tilbud fra 2 leverandører, og udgiften er omkring {beloeb}.",
      "Beslutningsprotokollen underskrives digitalt i First Agenda.",
      "Andelen af borgere, der bruger selvbetjening, er steget til {pct}.",
    ],
    proposals: ["der bevilges en pulje på {beloeb} til indkøbet", "digitaliseringsstrategien godkendes"],
    attachments: ["Tilbud fra leverandører", "Digitaliseringsstrategi"],
  },
  {
    key: "affald",
    kle: ["07", "06"],
    titles: ["Affaldsplan {naeste}-{naeste3}", "Takster for affald og genbrug {naeste}"],
    sentences: [
      "Affaldsplanen indeholder initiativer for øget genanvendelse.",
      "Taksten for en almindelig husstand stiger med {beloeb} om året.",
      "Der er indført sortering i ti fraktioner ved husstandene.",
    ],
    proposals: ["taksterne for {naeste} godkendes", "affaldsplanen sendes i høring"],
    attachments: ["Takstblad {naeste}", "Affaldsplan - udkast"],
  },
  {
    key: "beredskab",
    kle: ["14"],
    titles: ["Risikobaseret dimensionering af beredskabet", "Beredskabsplan {aar}"],
    sentences: [
      "Beredskabet har gennemført {antal} udrykninger i {forrige}.",
      "Planen skal revideres mindst hvert fjerde år.",
      "Beredskabskommissionen har behandlet sagen.",
    ],
    proposals: ["beredskabsplanen godkendes"],
    attachments: ["Beredskabsplan"],
  },
];

/** Routine items nearly every meeting has, with their fixed outcome and typical case group. */
export const ROUTINE_ITEMS = {
  agenda: { title: "Godkendelse af dagsorden", decision: "Godkendt.", kle: "00" },
  messages: { title: "Meddelelser", kle: "00" },
  minutes: { title: "Godkendelse af referat", decision: "Godkendt.", kle: "00" },
} as const;

/** Words that fill {emneord} in titles. */
export const SUBJECT_WORDS: readonly string[] = [
  "kommuneplan", "handicappolitik", "sundhedspolitik", "ungdomsuddannelse", "naturpleje", "erhvervsudvikling",
  "rekruttering", "frivillighed", "kollektiv trafik", "bosætning",
];
