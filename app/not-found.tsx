import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Siden findes ikke</h1>
      <p>Vi kunne ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller også er referatet ikke i portalen.</p>
      <form action="/soeg" method="get" role="search" aria-label="Søg i referater" className="flex max-w-xl gap-2">
        <label htmlFor="notfound-search" className="sr-only">
          Søg i referater
        </label>
        <input id="notfound-search" name="q" type="search" maxLength={200} className="min-w-0 flex-1 rounded border border-slate-400 px-3 py-2" />
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Søg
        </button>
      </form>
      <p>
        <Link href="/" className="text-brand underline">
          Gå til forsiden
        </Link>
      </p>
    </div>
  );
}
