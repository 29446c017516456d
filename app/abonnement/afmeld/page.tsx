import Link from "next/link";
import type { Metadata } from "next";
import { single } from "../search-query";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Afmeld abonnement", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The unsubscribe link of a digest: one button (a POST; links that mail scanners follow change nothing). */
export default async function UnsubscribePage({ searchParams }: Props) {
  const raw = await searchParams;
  const status = single(raw, "status");
  return (
    <div>
      <h1 className="mb-4 text-3xl font-bold">Afmeld abonnement</h1>
      {status === "afmeldt" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          Du er afmeldt. Du får ikke flere mails om denne søgning.
        </p>
      ) : status === "ugyldigt" || !single(raw, "id") ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          Linket er ugyldigt. Brug linket i den seneste mail, eller{" "}
          <Link prefetch={false} href="/abonnement/administrer" className="underline">
            administrer dine abonnementer
          </Link>
          .
        </p>
      ) : (
        <form method="post" action={`/api/abonnement/afmeld?id=${encodeURIComponent(single(raw, "id"))}&sig=${encodeURIComponent(single(raw, "sig"))}`}>
          <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
            Afmeld
          </button>
        </form>
      )}
    </div>
  );
}
