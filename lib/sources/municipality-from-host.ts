import { MUNICIPALITIES } from "@/lib/minutes";

// Host names spell æ, ø, å as ae, oe, aa ("koege.dk", "aeroe.dk") or drop them.
const toHostForm = (stem: string) =>
  stem.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa").replace(/[^a-z0-9-]/g, "");

const BY_HOST_LABEL: ReadonlyMap<string, string> = new Map(
  MUNICIPALITIES.flatMap((municipality) => municipality.stems.map((stem) => [toHostForm(stem), municipality.name] as const)),
);

/**
 * The municipality a site's host name names ("dagsordener.vejen.dk" → "Vejen Kommune",
 * "dagsordener-referater.koege.dk" → "Køge Kommune"), or null when no label is one.
 */
export function municipalityFromHost(siteUrl: string): string | null {
  let host: string;
  try {
    host = new URL(siteUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
  const labels = host.split(".").slice(0, -1);
  for (const label of labels.reverse()) {
    const name = BY_HOST_LABEL.get(label) ?? BY_HOST_LABEL.get(label.replace(/-?kommune$/, ""));
    if (name) return name;
  }
  return null;
}
