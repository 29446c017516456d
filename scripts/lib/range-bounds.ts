/**
 * What block-max ranking would decode (bench:block-bounds): the items cut into ranges of
 * `rangeItems`, each range's bound the sum over the query's terms of the term's highest score in
 * it. A range whose bound is below the page's last score (`floor`) cannot hold a hit of the page,
 * so a ranking with such bounds stored would not decode its postings.
 */
export interface RangeBounds {
  rangeItems: number;
  /** Ranges holding at least one hit. */
  rangesWithHits: number;
  /** Of those, the ranges whose bound reaches `floor`. */
  rangesReaching: number;
  /** Hits in the ranges reaching it. */
  hitsReaching: number;
  hits: number;
}

/**
 * `termScores`: per query term, its score per item (0 where the item lacks it); `isHit`: 1 for
 * the query's hits. Ties count as reaching the floor (a hit scoring exactly it may be on the page).
 */
export function rangeBounds(termScores: readonly Float32Array[], isHit: Uint8Array, floor: number, rangeItems: number): RangeBounds {
  if (!Number.isInteger(rangeItems) || rangeItems < 1) throw new RangeError(`rangeItems must be a positive integer, not ${rangeItems}`);
  const result: RangeBounds = { rangeItems, rangesWithHits: 0, rangesReaching: 0, hitsReaching: 0, hits: 0 };
  for (let start = 0; start < isHit.length; start += rangeItems) {
    const end = Math.min(isHit.length, start + rangeItems);
    let hits = 0;
    for (let item = start; item < end; item++) hits += isHit[item] ?? 0;
    if (hits === 0) continue;
    let bound = 0;
    for (const scores of termScores) {
      let highest = 0;
      for (let item = start; item < end; item++) highest = Math.max(highest, scores[item] ?? 0);
      bound += highest;
    }
    result.rangesWithHits++;
    result.hits += hits;
    if (bound >= floor) {
      result.rangesReaching++;
      result.hitsReaching += hits;
    }
  }
  return result;
}
