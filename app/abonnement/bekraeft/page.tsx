import type { Metadata } from "next";
import { confirmAction } from "../actions";
import { single } from "../search-query";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Bekræft abonnement", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const RESULTS: Record<string, { text: string; isError: boolean }> = {
  bekraeftet: { text: "Tak, dit abonnement er bekræftet. Du får en mail, når nye referater matcher din søgning.", isError: false },
  udloebet: { text: "Linket er udløbet (det virker i 48 timer), og tilmeldingen er slettet. Tilmeld dig igen fra søgningen.", isError: true },
  ugyldigt: { text: "Linket er ugyldigt eller allerede brugt. Har du allerede bekræftet, er abonnementet aktivt.", isError: true },
};

/** The confirmation link from the mail: one button confirms (mail scanners that follow links confirm nothing). */
export default async function ConfirmPage({ searchParams }: Props) {
  const raw = await searchParams;
  const result = RESULTS[single(raw, "status")];
  const token = single(raw, "token");
  return (
    <div>
      <h1 className="mb-4 text-3xl font-bold">Bekræft abonnement</h1>
      {result ? (
        <p role={result.isError ? "alert" : "status"} className={result.isError ? "rounded border border-red-700 bg-red-50 p-3 text-red-900" : "rounded border border-green-700 bg-green-50 p-3 text-green-900"}>
          {result.text}
        </p>
      ) : token ? (
        <form action={confirmAction}>
          <input type="hidden" name="token" value={token} />
          <p className="mb-4">Bekræft, at du vil have mail om nye punkter, der matcher din søgning.</p>
          <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
            Bekræft abonnement
          </button>
        </form>
      ) : (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {RESULTS.ugyldigt?.text}
        </p>
      )}
    </div>
  );
}
