/** A labelled search field that submits to /soeg; used in the header, on the home page and the 404 page. */
export function SearchBox({
  id,
  label,
  placeholder,
  variant = "page",
}: {
  id: string;
  label: string;
  placeholder?: string;
  variant?: "header" | "page";
}) {
  const isHeader = variant === "header";
  return (
    <form action="/soeg" method="get" role="search" aria-label={label} className={isHeader ? "flex w-full gap-2 sm:w-auto" : "flex max-w-xl gap-2"}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        maxLength={200}
        placeholder={placeholder}
        className={
          isHeader
            ? "min-w-0 flex-1 rounded border border-white/60 bg-white px-3 py-2 text-ink placeholder:text-slate-600 sm:w-72"
            : "min-w-0 flex-1 rounded border border-slate-500 px-3 py-2 placeholder:text-slate-600"
        }
      />
      <button
        type="submit"
        className={
          isHeader
            ? "rounded bg-white px-4 py-2 font-semibold text-brand-dark hover:bg-slate-100"
            : "rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark"
        }
      >
        Søg
      </button>
    </form>
  );
}
