import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonList } from "@/components/person/PersonList";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { listPersons } from "@/lib/data/persons";
import { pageMetadata } from "@/lib/seo/page-metadata";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await listPersons((await params).kommune);
  if (!page) return { title: "Siden findes ikke" };
  return pageMetadata({
    title: `Personer – ${page.municipality.name}`,
    description: `Politikere nævnt i referaterne fra ${page.municipality.name}: deltagelse, fravær, stemmer imod og forbehold.`,
    path: page.url,
  });
}

export default async function PersonsRoute({ params }: Props) {
  const page = await listPersons((await params).kommune);
  if (!page) notFound();
  return (
    <article>
      <Breadcrumbs
        trail={[
          { label: "Forside", href: "/" },
          { label: page.municipality.name, href: page.municipality.url },
          { label: "Personer", href: page.url },
        ]}
      />
      <h1 className="mb-2 text-3xl font-bold">Personer i {page.municipality.name}</h1>
      <p className="mb-4 text-muted">Alle, som de offentlige referater nævner som deltagere, fraværende eller i en afstemning.</p>
      {page.persons.length === 0 ? <p>Referaterne nævner endnu ingen personer.</p> : <PersonList persons={page.persons} />}
    </article>
  );
}
