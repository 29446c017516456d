import Link from "next/link";

/** Site footer with what the portal is and where the data comes from. */
export function SiteFooter() {
  return (
    <footer role="contentinfo" className="mt-12 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-muted">
        <p>
          Referatportalen samler referater fra danske kommuners udvalgsmøder, så du kan læse og søge i beslutningerne på
          tværs af kommuner. Teksterne kommer fra kommunernes egne udgivelser; lukkede punkter vises kun med titel.
        </p>
        <p className="mt-2">
          <Link href="/datakvalitet" className="underline underline-offset-2">
            Datakvalitet
          </Link>
          : referater, portalen ikke kunne læse helt.
        </p>
      </div>
    </footer>
  );
}
