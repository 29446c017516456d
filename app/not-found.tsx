import Link from "next/link";
import { SearchBox } from "@/components/search/SearchBox";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Siden findes ikke</h1>
      <p>Vi kunne ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller også er referatet ikke i portalen.</p>
      <SearchBox id="notfound-search" label="Søg efter et referat" />
      <p>
        <Link prefetch={false} href="/" className="text-brand underline">
          Gå til forsiden
        </Link>
      </p>
    </div>
  );
}
