import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { listMeetingsWithWarnings } from "@/lib/data/data-quality";
import { pageMetadata } from "@/lib/seo/page-metadata";
import { formatDanishDateTime } from "@/lib/text/format-danish-date";

// Read on every visit: warnings change with every ingest, and no page change points here.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  ...pageMetadata({
    title: "Datakvalitet",
    description: "Referater, som portalen har gemt, men ikke kunne læse helt: manglende mødetidspunkter, ukendte linjer og udvalgsnavne.",
    path: "/datakvalitet",
  }),
  robots: { index: false, follow: true },
};

export default async function DataQualityRoute() {
  const meetings = await listMeetingsWithWarnings();
  return (
    <article>
      <Breadcrumbs trail={[{ label: "Forside", href: "/" }, { label: "Datakvalitet", href: "/datakvalitet" }]} />
      <h1 className="mb-2 text-3xl font-bold">Datakvalitet</h1>
      <p className="mb-6 max-w-prose">
        Møder, som er gemt og vises på portalen, men hvor referatet ikke kunne læses helt. Fx et mødehoved uden et
        mødetidspunkt, portalen kender, eller et udvalg, der er stavet anderledes end tidligere.
      </p>
      {meetings.length === 0 ? (
        <p role="status">Ingen møder har advarsler.</p>
      ) : (
        <>
          <p role="status" className="mb-3">
            {meetings.length} {meetings.length === 1 ? "møde har" : "møder har"} advarsler.
          </p>
          <ul className="divide-y divide-slate-200 rounded border border-slate-200">
            {meetings.map((m) => (
              <li key={m.url} className="p-3">
                <h2 className="text-lg font-semibold">
                  <Link prefetch={false} href={m.url} className="text-brand underline-offset-2 hover:underline">
                    {m.committee}, {m.municipality}
                  </Link>
                </h2>
                <p className="text-sm text-muted">
                  {formatDanishDateTime(m.date, m.startTime)} · fil: {m.fileName}
                </p>
                <ul className="mt-2 list-disc space-y-1 pl-6">
                  {m.warnings.map((w, index) => (
                    <li key={index}>
                      {w.line !== null && <span className="text-muted">Linje {w.line}: </span>}
                      {w.message}
                      {w.text !== "" && (
                        <>
                          {" "}
                          <q className="break-words">{w.text}</q>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
