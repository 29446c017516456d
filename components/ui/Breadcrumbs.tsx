import Link from "next/link";

/** Breadcrumb trail; the last entry is the current page (aria-current). */
export function Breadcrumbs({ trail }: { trail: Array<{ label: string; href: string }> }) {
  return (
    <nav aria-label="Brødkrummer" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-muted">
        {trail.map((crumb, i) => {
          const isCurrent = i === trail.length - 1;
          return (
            <li key={crumb.href} className="flex items-center gap-1">
              {i > 0 && <span aria-hidden="true">›</span>}
              {isCurrent ? (
                <a href={crumb.href} aria-current="page" className="text-ink no-underline">
                  {crumb.label}
                </a>
              ) : (
                <Link prefetch={false} href={crumb.href} className="text-brand underline underline-offset-2">
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
