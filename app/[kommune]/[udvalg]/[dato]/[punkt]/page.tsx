import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { AccessRequest } from "@/components/agenda-item/AccessRequest";
import { AgendaItemView } from "@/components/agenda-item/AgendaItemView";
import { CaseHistory } from "@/components/case/CaseHistory";
import { getAgendaItemPage } from "@/lib/data/browse";
import { getItemCaseHistory } from "@/lib/data/cases";
import { getMunicipalitySettings } from "@/lib/config/municipality-settings";
import { itemPath } from "@/lib/data/paths";
import { getSiteUrl } from "@/lib/config/site";
import { pageMetadata } from "@/lib/seo/page-metadata";
import { formatDanishDate } from "@/lib/text/format-danish-date";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string; udvalg: string; dato: string; punkt: string }> };

/** "punkt-83" → "83"; anything else is not an item URL. */
function itemNumber(segment: string): string | null {
  const match = decodeURIComponent(segment).match(/^punkt-(.+)$/);
  return match?.[1] ?? null;
}

async function load(params: Props["params"]) {
  const { kommune, udvalg, dato, punkt } = await params;
  const number = itemNumber(punkt);
  return { kommune, dato, number, page: number ? await getAgendaItemPage(kommune, udvalg, dato, number) : ({ kind: "missing" } as const) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await load(params);
  if (page.kind !== "found") return { title: "Siden findes ikke" };
  const item = page.value;
  const where = `${item.meeting.committee.name}, ${item.meeting.municipality.name}, ${formatDanishDate(item.meeting.date)}`;
  return pageMetadata({
    title: `${item.number}. ${item.title}`,
    description: item.closed
      ? `Lukket punkt behandlet for lukkede døre i ${where}.`
      : `${item.decision ? `Beslutning: ${item.decision.slice(0, 140)}` : "Punkt"} – ${where}.`,
    path: item.url,
  });
}

export default async function AgendaItemRoute({ params }: Props) {
  const { kommune, dato, number, page } = await load(params);
  if (page.kind === "renamed" && number) permanentRedirect(itemPath(kommune, page.slug, dato, number));
  if (page.kind === "moved") permanentRedirect(page.url);
  if (page.kind !== "found") notFound();
  const item = page.value;
  const history = item.closed ? null : await getItemCaseHistory(kommune, item.meeting.committee.slug, dato, item.number);
  const siteUrl = getSiteUrl();
  return (
    <AgendaItemView
      item={item}
      siteUrl={siteUrl}
      caseHistory={<CaseHistory history={history} currentUrl={item.url} />}
      accessRequest={<AccessRequest item={item} email={getMunicipalitySettings(kommune)?.accessRequestEmail ?? null} siteUrl={siteUrl} />}
    />
  );
}
