/** "Abonnér på kalender": the iCalendar feed of a municipality's or committee's meetings. */
export function CalendarLink({ href, name }: { href: string; name: string }) {
  return (
    <p className="no-print -mt-4 mb-6 text-sm">
      <a href={href} type="text/calendar" className="text-brand underline">
        Abonnér på kalender
      </a>{" "}
      <span className="text-muted">– alle møder i {name}, også kommende, i din kalender (iCalendar)</span>
    </p>
  );
}
