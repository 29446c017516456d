import Link from "next/link";
import type { Metadata } from "next";
import { ManageLinkForm } from "@/components/alerts/ManageLinkForm";
import { PrivacyNote } from "@/components/alerts/PrivacyNote";
import { frequencyLabel } from "@/lib/alerts/alert-frequency";
import { describeAlertQuery } from "@/lib/alerts/alert-query";
import { portalAlerts } from "@/lib/alerts/portal-alerts";
import { deleteAddressAction, deleteSubscriptionAction } from "../actions";
import { single } from "../search-query";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Administrer abonnementer", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** With a mailed token: the address's subscriptions with delete buttons. Without: a form that mails such a link. */
export default async function ManagePage({ searchParams }: Props) {
  const raw = await searchParams;
  const token = single(raw, "token");
  const status = single(raw, "status");
  const managed = token ? await portalAlerts.getManaged(token) : null;
  return (
    <div>
      <h1 className="mb-4 text-3xl font-bold">Administrer abonnementer</h1>
      {status === "slettet" && (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
          Din adresse og alle dens abonnementer er slettet.
        </p>
      )}
      {single(raw, "slettet") === "1" && managed && (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
          Abonnementet er slettet.
        </p>
      )}
      {managed ? (
        <>
          <p className="mb-4">Abonnementer for {managed.email}:</p>
          {managed.subscriptions.length === 0 ? (
            <p className="mb-4">Der er ingen abonnementer.</p>
          ) : (
            <ul className="mb-6 space-y-3">
              {managed.subscriptions.map((subscription) => (
                <li key={subscription.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    <Link prefetch={false} href={`/soeg?${subscription.query}`} className="text-brand underline">
                      {describeAlertQuery(subscription.query)}
                    </Link>{" "}
                    · {frequencyLabel(subscription.frequency)}
                    {subscription.isConfirmed ? "" : " · ikke bekræftet"}
                  </span>
                  <form action={deleteSubscriptionAction}>
                    <input type="hidden" name="token" value={token} />
                    <input type="hidden" name="id" value={subscription.id} />
                    <button type="submit" className="rounded border border-gray-500 px-3 py-1" aria-label={`Slet abonnementet ${describeAlertQuery(subscription.query)}`}>
                      Slet
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form action={deleteAddressAction}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="rounded bg-red-800 px-4 py-2 font-semibold text-white">
              Slet min adresse og alle abonnementer
            </button>
          </form>
        </>
      ) : (
        <>
          {(token || status === "ugyldigt") && (
            <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
              Linket er ugyldigt eller udløbet (det virker i 48 timer). Bed om et nyt herunder.
            </p>
          )}
          <p className="mb-4 max-w-2xl">Skriv din adresse, så sender vi et link til at se og slette dine abonnementer.</p>
          <ManageLinkForm />
        </>
      )}
      <PrivacyNote />
    </div>
  );
}
