import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { CalendarLink } from "@/components/meeting/CalendarLink";
import { UpcomingMeetings } from "@/components/meeting/UpcomingMeetings";
import { PersonList } from "@/components/person/PersonList";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { decisionsOf, searchFeedHref } from "@/components/search/search-href";
import { FollowLinks } from "@/components/ui/FollowLinks";
import { getCommitteePage } from "@/lib/data/browse";
import { calendarPath, committeePath } from "@/lib/data/paths";
import { listCommitteeMembers } from "@/lib/data/persons";
import { pageMetadata } from "@/lib/seo/page-metadata";
import { formatDanishDateTime } from "@/lib/text/format-danish-date";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string; udvalg: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kommune, udvalg } = await params;
  const page = await getCommitteePage(kommune, udvalg);
  if (page.kind !== "found") return { title: "Siden findes ikke" };
  const count = page.value.years.reduce((n, y) => n + y.meetings.length, 0);
  return pageMetadata({
    title: `${page.value.name} – ${page.value.municipality.name}`,
    description: `${count} møder i ${page.value.name}, ${page.value.municipality.name}: dagsordener, referater og beslutninger.`,
    path: page.value.url,
    feed: searchFeedHref(decisionsOf({ udvalg: `${page.value.municipality.slug}/${page.value.slug}` })),
  });
}

export default async function CommitteeRoute({ params }: Props) {
  const { kommune, udvalg } = await params;
  const page = await getCommitteePage(kommune, udvalg);
  if (page.kind === "renamed") permanentRedirect(committeePath(kommune, page.slug));
  if (page.kind === "missing") notFound();
  const committee = page.value;
  const members = await listCommitteeMembers(kommune, committee.slug);
  return (
    <article>
      <Breadcrumbs
        trail={[
          { label: "Forside", href: "/" },
          { label: committee.municipality.name, href: committee.municipality.url },
          { label: committee.name, href: committee.url },
        ]}
      />
      <h1 className="mb-1 text-3xl font-bold">{committee.name}</h1>
      <p className="mb-2 text-muted">{committee.municipality.name}</p>
      <FollowLinks search={decisionsOf({ udvalg: `${committee.municipality.slug}/${committee.slug}` })} name={committee.name} />
      <CalendarLink href={calendarPath(committee.municipality.slug, committee.slug)} name={committee.name} />
      <UpcomingMeetings meetings={committee.upcoming} showCommittee={false} />
      {committee.years.map((year) => (
        <section key={year.year} aria-labelledby={`aar-${year.year}`} className="mb-6">
          <h2 id={`aar-${year.year}`} className="mb-2 text-xl font-semibold">
            {year.year}
          </h2>
          <ul className="divide-y divide-slate-200 rounded border border-slate-200">
            {year.meetings.map((m) => (
              <li key={m.url} className="p-3">
                <Link prefetch={false} href={m.url} className="font-semibold text-brand underline-offset-2 hover:underline">
                  {formatDanishDateTime(m.date, m.startTime)}
                </Link>
                <p className="text-sm text-muted">
                  {m.kind === "dagsorden" ? "Dagsorden" : "Referat"} · {m.itemCount} {m.itemCount === 1 ? "punkt" : "punkter"}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {members.length > 0 && (
        <section aria-labelledby="medlemmer" className="mb-6">
          <h2 id="medlemmer" className="mb-2 text-xl font-semibold">
            Medlemmer set i referaterne
          </h2>
          <PersonList persons={members} />
        </section>
      )}
    </article>
  );
}
