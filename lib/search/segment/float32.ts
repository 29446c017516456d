// Float32 rounding for bounds kept as float32 (term-ranges.ts, word-bounds.ts).

const upBits = new Uint32Array(1);
const upValue = new Float32Array(upBits.buffer);

/** The least float32 at or above `value` (≥ 0). */
export function roundedUp(value: number): number {
  upValue[0] = value;
  if ((upValue[0] ?? 0) >= value) return upValue[0] ?? 0;
  upBits[0] = (upBits[0] ?? 0) + 1;
  return upValue[0] ?? 0;
}
