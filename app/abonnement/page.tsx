import Link from "next/link";
import type { Metadata } from "next";
import { PrivacyNote } from "@/components/alerts/PrivacyNote";
import { SubscribeForm } from "@/components/alerts/SubscribeForm";
import { describeAlertQuery, toAlertQuery } from "@/lib/alerts/alert-query";
import { toUrlSearchParams } from "./search-query";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Få besked på mail", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /abonnement?<the /soeg parameters>: subscribe to that search by email. */
export default async function SubscribePage({ searchParams }: Props) {
  const alertQuery = toAlertQuery(toUrlSearchParams(await searchParams));
  return (
    <div>
      <h1 className="mb-4 text-3xl font-bold">Få besked på mail</h1>
      {alertQuery.ok ? (
        <>
          <p className="mb-4 max-w-2xl">
            Få en mail, når nye referater har punkter, der matcher søgningen <strong>{describeAlertQuery(alertQuery.query)}</strong> (
            <Link prefetch={false} href={`/soeg?${alertQuery.query}`} className="text-brand underline">
              se søgningen
            </Link>
            ). Du skal bekræfte tilmeldingen via et link, vi sender til adressen.
          </p>
          <SubscribeForm query={alertQuery.query} />
        </>
      ) : (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {alertQuery.messageDa}{" "}
          <Link prefetch={false} href="/soeg" className="underline">
            Gå til søgningen
          </Link>
          .
        </p>
      )}
      <p className="mt-6">
        <Link prefetch={false} href="/abonnement/administrer" className="text-brand underline">
          Se eller slet dine abonnementer
        </Link>
      </p>
      <PrivacyNote />
    </div>
  );
}
