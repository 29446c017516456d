import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import type { DataSourcesPage } from "@/lib/data/data-sources";
import { formatDanishInstant } from "@/lib/text/format-danish-date";

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("da-DK")} ${count === 1 ? one : many}`;

/** A municipality's "Datagrundlag": its counts, the sites its meetings are imported from, failed imports and files read by hand. */
export function DataSourcesView({ page }: { page: DataSourcesPage }) {
  const { counts } = page;
  const href = `${page.url}/datagrundlag`;
  return (
    <article>
      <Breadcrumbs trail={[{ label: "Forside", href: "/" }, { label: page.name, href: page.url }, { label: "Datagrundlag", href }]} />
      <h1 className="mb-2 text-3xl font-bold">Datagrundlag for {page.name}</h1>
      <p className="mb-6 max-w-prose">
        Hvor portalens referater og dagsordener fra {page.name} kommer fra, hvornår de sidst blev hentet, og hvad der ikke kunne
        hentes. Lukkede punkter vises kun med nummer og titel.
      </p>

      <section aria-labelledby="omfang" className="mb-8">
        <h2 id="omfang" className="mb-2 text-xl font-semibold">
          Omfang
        </h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Møder</dt>
          <dd>
            {plural(counts.meetings, "møde", "møder")}
            {counts.agendas > 0 ? `, heraf ${plural(counts.agendas, "dagsorden", "dagsordener")} uden referat endnu` : ""}
          </dd>
          <dt className="font-semibold">Åbne punkter</dt>
          <dd>{plural(counts.openItems, "punkt", "punkter")}</dd>
          <dt className="font-semibold">Lukkede punkter</dt>
          <dd>{plural(counts.closedItems, "punkt", "punkter")} (kun nummer og titel)</dd>
        </dl>
      </section>

      <section aria-labelledby="kilder" className="mb-8">
        <h2 id="kilder" className="mb-2 text-xl font-semibold">
          Kilder
        </h2>
        {page.sources.length === 0 ? (
          <p>Ingen møder er hentet direkte fra kommunens hjemmeside.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Hjemmesider, som møderne hentes fra</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-3">Hjemmeside</th>
                  <th scope="col" className="py-2 pr-3 text-right">Møder</th>
                  <th scope="col" className="py-2 pr-3">Sidst hentet</th>
                  <th scope="col" className="py-2 text-right">Fejl</th>
                </tr>
              </thead>
              <tbody>
                {page.sources.map((source) => (
                  <tr key={source.site} className="border-b border-slate-200">
                    <td className="break-all py-2 pr-3">
                      <a href={source.site} rel="noopener noreferrer external" className="text-brand underline underline-offset-2">
                        {source.host}
                      </a>
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{source.meetingCount.toLocaleString("da-DK")}</td>
                    <td className="py-2 pr-3">{source.lastFetchedAt ? formatDanishInstant(source.lastFetchedAt) : "aldrig"}</td>
                    <td className="py-2 text-right tabular-nums">{source.failedCount.toLocaleString("da-DK")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="fejl" className="mb-8">
        <h2 id="fejl" className="mb-2 text-xl font-semibold">
          Møder, der ikke kunne hentes
        </h2>
        {page.failures.length === 0 ? (
          <p>Ingen fejl ved seneste hentning.</p>
        ) : (
          <>
            <p className="mb-2">De hentes igen ved næste kørsel.</p>
            <ul className="divide-y divide-slate-200 rounded border border-slate-200">
              {page.failures.map((failure) => (
                <li key={failure.url} className="p-3">
                  <a href={failure.url} rel="noopener noreferrer external" className="break-all text-brand underline underline-offset-2">
                    {failure.documentName ?? "Møde"} på {new URL(failure.site).host}
                  </a>
                  <p className="text-sm text-muted">Forsøgt {formatDanishInstant(failure.attemptedAt)}</p>
                  <p className="break-words">{failure.error}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="filer">
        <h2 id="filer" className="mb-2 text-xl font-semibold">
          Filer indlæst manuelt
        </h2>
        {page.files.length === 0 ? (
          <p>Ingen referater er indlæst fra filer.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6">
            {page.files.map((file) => (
              <li key={`${file.fileName}-${file.ingestedAt}`} className="break-all">
                {file.fileName} <span className="text-muted">· indlæst {formatDanishInstant(file.ingestedAt)} · {plural(file.meetingCount, "møde", "møder")}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
