import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CalendarLink } from "@/components/meeting/CalendarLink";
import { UpcomingMeetings } from "@/components/meeting/UpcomingMeetings";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { decisionsOf, searchFeedHref } from "@/components/search/search-href";
import { FollowLinks } from "@/components/ui/FollowLinks";
import { getMunicipalityPage } from "@/lib/data/browse";
import { calendarPath } from "@/lib/data/paths";
import { pageMetadata } from "@/lib/seo/page-metadata";
import { formatShortDanishDate } from "@/lib/text/format-danish-date";

export const revalidate = 30;
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ kommune: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await getMunicipalityPage((await params).kommune);
  if (!page) return { title: "Siden findes ikke" };
  return pageMetadata({
    title: page.name,
    description: `Referater og beslutninger fra ${page.committees.length} udvalg i ${page.name}.`,
    path: page.url,
    feed: searchFeedHref(decisionsOf({ kommune: page.slug })),
  });
}

export default async function MunicipalityRoute({ params }: Props) {
  const page = await getMunicipalityPage((await params).kommune);
  if (!page) notFound();
  return (
    <article>
      <Breadcrumbs trail={[{ label: "Forside", href: "/" }, { label: page.name, href: page.url }]} />
      <h1 className="mb-2 text-3xl font-bold">{page.name}</h1>
      <FollowLinks search={decisionsOf({ kommune: page.slug })} name={page.name} />
      <CalendarLink href={calendarPath(page.slug)} name={page.name} />
      <UpcomingMeetings meetings={page.upcoming} showCommittee />
      <h2 className="mb-3 text-xl font-semibold">Udvalg</h2>
      <ul className="divide-y divide-slate-200 rounded border border-slate-200">
        {page.committees.map((c) => (
          <li key={c.slug} className="p-3">
            <Link prefetch={false} href={c.url} className="font-semibold text-brand underline-offset-2 hover:underline">
              {c.name}
            </Link>
            <p className="text-sm text-muted">
              {c.meetingCount} {c.meetingCount === 1 ? "møde" : "møder"}
              {c.latestDate ? ` · seneste ${formatShortDanishDate(c.latestDate)}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-6">
        <Link prefetch={false} href={`${page.url}/person`} className="text-brand underline underline-offset-2">
          Personer i referaterne
        </Link>{" "}
        – deltagelse, fravær, stemmer imod og forbehold.
      </p>
      <p className="mt-2 text-sm">
        <Link href={`${page.url}/datagrundlag`} prefetch={false} className="text-brand underline underline-offset-2">
          Datagrundlag
        </Link>
        : hvor referaterne fra {page.name} kommer fra, og hvornår de sidst blev hentet.
      </p>
    </article>
  );
}
