import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonView } from "@/components/person/PersonView";
import { getPersonPage } from "@/lib/data/persons";
import { pageMetadata } from "@/lib/seo/page-metadata";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string; person: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kommune, person } = await params;
  const page = await getPersonPage(kommune, person);
  if (!page) return { title: "Siden findes ikke" };
  return pageMetadata({
    title: `${page.name}${page.party ? ` (${page.party})` : ""} – ${page.municipality.name}`,
    description: `${page.name} i ${page.municipality.name}: udvalg, mødedeltagelse, fravær, stemmer imod og forbehold ifølge referaterne.`,
    path: page.url,
  });
}

export default async function PersonRoute({ params }: Props) {
  const { kommune, person } = await params;
  const page = await getPersonPage(kommune, person);
  if (!page) notFound();
  return <PersonView person={page} />;
}
