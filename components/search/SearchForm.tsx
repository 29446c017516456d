import type { SearchResult } from "@/lib/search/query";
import type { SearchParams } from "@/lib/search/search-params";
import { SECTION_KINDS } from "@/lib/minutes/vocabulary";
import { FACET_TITLES, FIELD_LABELS } from "./labels";
import { SearchEnhancer } from "./SearchEnhancer";

const FORM_ID = "soegeformular";
const MAX_VALUES = 15;

/** The search form with its facet checkboxes; works as a plain GET form without JavaScript. */
export function SearchForm({ params, result, children }: { params: SearchParams; result: SearchResult | null; children: React.ReactNode }) {
  return (
    <form id={FORM_ID} action="/soeg" method="get" role="search" aria-label="Søg i referaterne">
      <div className="mb-4 flex flex-wrap items-end gap-3">
        {/* At least 16rem wide, or the field shrank to 26 px beside the selects on a phone (target-size). */}
        <div className="flex min-w-0 grow basis-64 flex-col">
          <label htmlFor="q" className="font-semibold">
            Søgeord
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={params.q}
            maxLength={200}
            placeholder={'Fx fleksjob, "negativ social kontrol" eller -budget'}
            className="rounded border border-slate-500 px-3 py-2"
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor="felt" className="font-semibold">
            Søg i
          </label>
          <select id="felt" name="felt" defaultValue={params.felt ?? ""} className="rounded border border-slate-500 px-2 py-2">
            <option value="">Hele punktet</option>
            {(["titel", ...SECTION_KINDS] as const).map((kind) => (
              <option key={kind} value={kind}>
                {FIELD_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col">
          <label htmlFor="sort" className="font-semibold">
            Sortér
          </label>
          <select id="sort" name="sort" defaultValue={params.sort} className="rounded border border-slate-500 px-2 py-2">
            <option value="relevans">Bedste match</option>
            <option value="nyeste">Nyeste først</option>
          </select>
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Søg
        </button>
      </div>
      <div className="grid gap-6 md:grid-cols-[15rem_1fr]">
        <div aria-label="Filtre" role="group" className="space-y-4">
          {result &&
            (Object.keys(FACET_TITLES) as Array<keyof typeof FACET_TITLES>).map((key) => {
              const selected = new Set(params[key]);
              const values = result.facets[key].filter((f, i) => i < MAX_VALUES || selected.has(f.value));
              if (values.length === 0) return null;
              return (
                <fieldset key={key}>
                  <legend className="mb-1 font-semibold">{FACET_TITLES[key]}</legend>
                  <ul className="space-y-2">
                    {values.map((facet) => {
                      const id = `${key}-${facet.value}`;
                      return (
                        <li key={facet.value} className="flex items-center gap-2">
                          <input id={id} type="checkbox" name={key} value={facet.value} defaultChecked={selected.has(facet.value)} className="h-6 w-6 shrink-0" />
                          <label htmlFor={id} className="text-sm">
                            {facet.label} <span className="text-muted">({facet.count})</span>
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              );
            })}
        </div>
        <div>{children}</div>
      </div>
      <SearchEnhancer formId={FORM_ID} />
    </form>
  );
}
