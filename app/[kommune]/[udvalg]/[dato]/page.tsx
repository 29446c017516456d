import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { MeetingFacts } from "@/components/meeting/MeetingFacts";
import { meetingTrail } from "@/components/meeting/meeting-trail";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { OutcomeBadge } from "@/components/ui/OutcomeBadge";
import { getMeetingPage } from "@/lib/data/browse";
import { meetingPath } from "@/lib/data/paths";
import { pageMetadata } from "@/lib/seo/page-metadata";
import { formatDanishDate } from "@/lib/text/format-danish-date";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string; udvalg: string; dato: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kommune, udvalg, dato } = await params;
  const page = await getMeetingPage(kommune, udvalg, dato);
  if (page.kind !== "found") return { title: "Siden findes ikke" };
  const m = page.value;
  return pageMetadata({
    title: `${m.committee.name} ${formatDanishDate(m.date)}`,
    description: `${m.kind === "dagsorden" ? "Dagsorden" : "Referat"} fra ${m.committee.name}, ${m.municipality.name}, ${formatDanishDate(m.date)}: ${m.items.length} punkter.`,
    path: m.url,
  });
}

export default async function MeetingRoute({ params }: Props) {
  const { kommune, udvalg, dato } = await params;
  const page = await getMeetingPage(kommune, udvalg, dato);
  if (page.kind === "renamed") permanentRedirect(meetingPath(kommune, page.slug, dato));
  if (page.kind === "moved") permanentRedirect(page.url);
  if (page.kind === "missing") notFound();
  const meeting = page.value;
  return (
    <article>
      <Breadcrumbs trail={meetingTrail(meeting)} />
      <h1 className="mb-1 text-3xl font-bold">{meeting.committee.name}</h1>
      <p className="mb-4 text-muted">
        {meeting.kind === "dagsorden" ? "Dagsorden" : "Referat"} · {meeting.municipality.name}
      </p>
      <MeetingFacts meeting={meeting} />
      <h2 id="dagsorden" className="mb-3 mt-8 text-2xl font-semibold">
        Dagsorden
      </h2>
      <ol aria-labelledby="dagsorden" className="divide-y divide-slate-200 rounded border border-slate-200">
        {meeting.items.map((item) => (
          <li key={item.url} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 p-3">
            <span className="w-10 shrink-0 font-semibold tabular-nums">{item.number}.</span>
            <span className="min-w-0 flex-1">
              <Link prefetch={false} href={item.url} className="text-brand underline-offset-2 hover:underline">
                {item.closed ? ["Lukket punkt", item.title].filter(Boolean).join(": ") : item.title || "Punkt uden titel"}
              </Link>
            </span>
            {!item.closed && <OutcomeBadge outcome={item.outcome} />}
          </li>
        ))}
      </ol>
    </article>
  );
}
