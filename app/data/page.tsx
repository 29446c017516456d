import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { getEnv } from "@/lib/config/env";
import { getSiteUrl } from "@/lib/config/site";
import { exportDir } from "@/lib/export/export-dir";
import { readPublishedExport } from "@/lib/export/serve-export";
import { pageMetadata } from "@/lib/seo/page-metadata";

export const dynamic = "force-dynamic";

export const metadata: Metadata = pageMetadata({
  title: "Data",
  description: "Hent alle offentlige referater som filer (JSON Lines og CSV), eller brug OParl-API'et.",
  path: "/data",
});

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

export default async function DataRoute() {
  const published = await readPublishedExport(exportDir(getEnv().dataDir));
  const created = published ? new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Copenhagen" }).format(new Date(published.created)) : null;
  return (
    <article>
      <Breadcrumbs trail={[{ label: "Forside", href: "/" }, { label: "Data", href: "/data" }]} />
      <h1 className="mb-2 text-3xl font-bold">Data</h1>
      <p className="mb-4">
        Alle offentlige møder, punkter og beslutninger som filer. Lukkede punkter har kun nummer og titel. Programmer kan også
        hente data løbende gennem OParl 1.1-API&apos;et på <code>{`${getSiteUrl()}/oparl/v1/system`}</code>.
      </p>
      {published && created ? (
        <>
          <p className="mb-3 text-sm text-muted">
            Dannet {created}. Felterne er beskrevet i <a className="text-brand underline" href="/data/datapackage.json">datapackage.json</a>.
          </p>
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-2 pr-3">Fil</th>
                <th className="py-2 pr-3">Indhold</th>
                <th className="py-2 text-right">Størrelse</th>
              </tr>
            </thead>
            <tbody>
              {published.resources.map((resource) => (
                <tr key={resource.path} className="border-b border-slate-200">
                  <td className="py-2 pr-3">
                    <a className="text-brand underline" href={`/data/${resource.path}`}>
                      {resource.path}
                    </a>
                  </td>
                  <td className="py-2 pr-3">{resource.title}</td>
                  <td className="py-2 text-right tabular-nums">{formatBytes(resource.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>Der er ikke dannet datafiler endnu.</p>
      )}
    </article>
  );
}
