// Bit columns over a search index's ordinals: bit o % 32 of word o / 32 set for ordinal o.

/** Sets the bits of `ordinals` in `bits`. */
export function setBits(bits: Uint32Array, ordinals: Uint32Array): void {
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    bits[ordinal >>> 5] = (bits[ordinal >>> 5] ?? 0) | (1 << (ordinal & 31));
  }
}
