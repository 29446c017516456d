import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseTimeline } from "@/components/case/CaseTimeline";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { getCasePage } from "@/lib/data/cases";
import { pageMetadata } from "@/lib/seo/page-metadata";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string; sag: string }> };

async function load(params: Props["params"]) {
  const { kommune, sag } = await params;
  // Case slugs are [a-z0-9-]: anything else, encoded or not, is simply not found.
  return /^[a-z0-9-]{1,200}$/.test(sag) ? getCasePage(kommune, sag) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await load(params);
  if (!page) return { title: "Siden findes ikke" };
  return pageMetadata({
    title: `Sag ${page.number}: ${page.title} – ${page.municipality.name}`,
    description: `Sagens forløb i ${page.municipality.name}: ${page.events.length} ${page.events.length === 1 ? "behandling" : "behandlinger"} af ${page.title}.`,
    path: page.url,
  });
}

export default async function CaseRoute({ params }: Props) {
  const page = await load(params);
  if (!page) notFound();
  return (
    <article>
      <Breadcrumbs
        trail={[
          { label: "Forside", href: "/" },
          { label: page.municipality.name, href: page.municipality.url },
          { label: `Sag ${page.number}`, href: page.url },
        ]}
      />
      <p className="text-muted">Sag · {page.municipality.name}</p>
      <h1 className="mb-3 mt-1 text-3xl font-bold">{page.title}</h1>
      <dl className="mb-6 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Sagsnummer</dt>
        <dd>{page.number}</dd>
        {page.topic && (
          <>
            <dt className="font-semibold">Emne</dt>
            <dd>
              {page.topic.name} (KLE {page.topic.code})
            </dd>
          </>
        )}
      </dl>
      <h2 id="sagens-forloeb" className="mb-3 text-xl font-semibold">
        Sagens forløb
      </h2>
      <CaseTimeline events={page.events} labelledBy="sagens-forloeb" />
    </article>
  );
}
