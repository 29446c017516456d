import Link from "next/link";

/** Site footer with what the portal is, where the data comes from and where to download it. */
export function SiteFooter() {
  return (
    <footer role="contentinfo" className="mt-12 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-muted">
        <p>
          Referatportalen samler referater fra danske kommuners udvalgsmøder, så du kan læse og søge i beslutningerne på
          tværs af kommuner. Teksterne kommer fra kommunernes egne udgivelser; lukkede punkter vises kun med titel.
        </p>
        <p className="mt-2">
          <Link prefetch={false} href="/data" className="text-brand underline underline-offset-2">
            Data og API
          </Link>
          : hent alle referater som filer, eller brug OParl-API&apos;et.
        </p>
        <p className="mt-2">
          <Link prefetch={false} href="/datakvalitet" className="text-brand underline underline-offset-2">
            Datakvalitet
          </Link>
          : referater, portalen ikke kunne læse helt.
        </p>
      </div>
    </footer>
  );
}
