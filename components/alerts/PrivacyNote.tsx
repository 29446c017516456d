import Link from "next/link";
import { getEnv } from "@/lib/config/env";

/** What the portal keeps about a subscriber, and who is responsible for it. */
export function PrivacyNote() {
  return (
    <section aria-labelledby="privacy-heading" className="mt-8 max-w-2xl text-sm text-muted">
      <h2 id="privacy-heading" className="font-semibold text-ink">
        Dine oplysninger
      </h2>
      <p>
        Vi gemmer kun din e-mailadresse og de søgninger, du abonnerer på (og i en time en nøgle beregnet ud fra adressen og din IP-adresse, ikke dem selv, for at begrænse antallet af
        tilmeldinger). Vi bruger dem kun til at sende dig de mails, du har bedt om. En tilmelding, du ikke bekræfter, slettes efter 48
        timer. Du kan altid afmelde dig med ét klik i hver mail eller slette din adresse helt under{" "}
        <Link prefetch={false} href="/abonnement/administrer" className="text-brand underline">
          Administrer abonnementer
        </Link>
        . Dataansvarlig: {getEnv().alertsDataController}.
      </p>
    </section>
  );
}
