import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DataSourcesView } from "@/components/data-sources/DataSourcesView";
import { getDataSourcesPage } from "@/lib/data/data-sources";
import { pageMetadata } from "@/lib/seo/page-metadata";

// Read on every visit: failed imports change without a page change pointing here.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ kommune: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await getDataSourcesPage((await params).kommune);
  if (!page) return { title: "Siden findes ikke" };
  return pageMetadata({
    title: `Datagrundlag for ${page.name}`,
    description: `Hvor referaterne fra ${page.name} kommer fra, hvornår de sidst blev hentet, og hvad der ikke kunne hentes.`,
    path: `${page.url}/datagrundlag`,
  });
}

export default async function DataSourcesRoute({ params }: Props) {
  const page = await getDataSourcesPage((await params).kommune);
  if (!page) notFound();
  return <DataSourcesView page={page} />;
}
