import { findClosedMarkers } from "./closed-markers";

/** Where an item starts in its source text, and whether it is closed. */
export interface ItemStart {
  number: string;
  /** 1-based line of the item heading. */
  line: number;
  closed: boolean;
}

/** A closed marker on a source line that belongs to an open item. */
export interface MarkerInOpenItem {
  itemNumber: string;
  /** 1-based source line. */
  line: number;
  /** The marker phrase as written. */
  marker: string;
}

/**
 * Closed markers on the source lines of open items: from an open item's heading to the line
 * before the next item. This reads the text the parser read, so a marker the parser did not use
 * (a "(Lukket)" line it could not place, a title wrapped onto the next line) is still seen. A
 * marker line that ends an open item right before a closed one ("Lukket dagsorden" above the
 * closed part) belongs to that closed item and is allowed.
 */
export function findMarkersInOpenItems(text: string, items: readonly ItemStart[]): MarkerInOpenItem[] {
  const lines = text.split(/\r\n|\n|\r/u);
  const starts = [...items].sort((a, b) => a.line - b.line);
  const found: MarkerInOpenItem[] = [];
  starts.forEach((item, i) => {
    if (item.closed) return;
    const next = starts[i + 1];
    const end = next ? next.line - 1 : lines.length;
    const range = lines.slice(item.line - 1, end);
    let last = range.length - 1;
    while (last >= 0 && (range[last] ?? "").trim() === "") last -= 1;
    for (const marker of findClosedMarkers(range.join("\n"))) {
      if (marker.line === last && marker.line > 0 && next?.closed) continue;
      found.push({ itemNumber: item.number, line: item.line + marker.line, marker: marker.marker });
    }
  });
  return found;
}
