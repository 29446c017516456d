import { foldDanish } from "@/lib/text/fold-danish";

/**
 * The Snowball project's Danish stop word list (snowballstem.org/algorithms/danish/stop.txt),
 * 94 words, as printed.
 */
export const DANISH_STOP_WORDS: readonly string[] = [
  "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af",
  "for", "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde",
  "ham", "hun", "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans",
  "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når",
  "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle", "denne", "end",
  "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget", "sit",
  "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver",
  "hendes", "været", "thi", "jer", "sådan",
];

/** The stop words in folded form ("på" → "paa"), for checking folded terms. */
export const FOLDED_DANISH_STOP_WORDS: ReadonlySet<string> = new Set(DANISH_STOP_WORDS.map(foldDanish));
