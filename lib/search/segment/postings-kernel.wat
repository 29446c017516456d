;; The hottest loops of a search in WebAssembly: adding a stored field list's gains to the
;; items' strengths and marking its items (accumulate-list.ts; the list layout is
;; segment-format.ts').
;;
;; Why not JavaScript: V8 compiles a typed-array loop to a few instructions only while no
;; ArrayBuffer in the process has ever been detached. Prisma's WebAssembly query compiler (at
;; its first query) and tsx (loading a larger CommonJS module) detach some, and from then on
;; every element access in every such loop re-checks its array (map, length, detached bit) on
;; each iteration: a common word's search at 1M items took ~20 % longer. WebAssembly memory
;; accesses carry no such checks, and these passes, loops of byte loads, run about twice as
;; fast as their JavaScript twins either way.
;;
;; Compiled to postings-kernel-wasm.ts by `npm run build:kernel` (wabt); a test compiles this
;; file again and fails when the two differ. Memory layout (postings-kernel.ts): the gain table
;; (f64 × 512) at GAINS, the damage table (i32 × 512: 0 for a valid code, -1 for another) at
;; DAMAGE, the pair position table (u16 × 512) at POSITIONS, the columns (two f32, a u8, a u32,
;; the facet ids, two u16 of pair positions), and the list's bytes copied to a scratch area
;; followed by two 0x80 bytes, so a read past the list's end sees what accumulate-list.ts's
;; loops see there.

(module
  ;; Sized by postings-kernel.ts when it instantiates the module, and never grown: growing
  ;; would detach the memory's ArrayBuffer, the very thing that slows the JavaScript loops.
  (import "kernel" "memory" (memory 1))

  ;; Where the last varint read stopped.
  (global $varintEnd (mut i32) (i32.const 0))
  ;; What the last pass ended with (accumulate-list.ts checkEnd reads them).
  (global $lastOrdinal (export "lastOrdinal") (mut i32) (i32.const 0))
  (global $damage (export "damage") (mut i32) (i32.const 0))

  ;; The unsigned LEB128 varint at $at (before $end), or -1 when it runs past $end or past
  ;; 2^31 - 1 (an ordinal or code that large is damage either way); sets $varintEnd.
  (func $varint (param $at i32) (param $end i32) (result i32)
    (local $value i32) (local $shift i32) (local $byte i32)
    (loop $more
      (if (i32.ge_u (local.get $at) (local.get $end))
        (then (global.set $varintEnd (local.get $at)) (return (i32.const -1))))
      (local.set $byte (i32.load8_u (local.get $at)))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))
      ;; The fifth byte may add bits 28–30 only.
      (if (i32.and (i32.eq (local.get $shift) (i32.const 28)) (i32.gt_u (local.get $byte) (i32.const 0x07)))
        (then (global.set $varintEnd (local.get $at)) (return (i32.const -1))))
      (local.set $value (i32.or (local.get $value) (i32.shl (i32.and (local.get $byte) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (br_if $more (i32.ge_u (local.get $byte) (i32.const 0x80))))
    (global.set $varintEnd (local.get $at))
    (local.get $value))

  ;; Adds gains[code] (f64) to strength[ordinal] (f32, rounded as a Float32Array store rounds)
  ;; for the $count postings from $at; returns where the pass stopped. Sets $lastOrdinal and
  ;; $damage (negative when a gap was below 1 after the first, a code invalid, or an ordinal
  ;; at or past $size: the pass stops there and writes nothing out of the column).
  (func (export "strengthPass")
    (param $at i32) (param $end i32) (param $count i32) (param $gains i32) (param $damageTable i32) (param $strength i32) (param $size i32)
    (result i32)
    (local $ordinal i32) (local $gap i32) (local $code i32) (local $damaged i32) (local $minGap i32) (local $address i32) (local $pair i32)
    (block $done
      (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
      (loop $next
        ;; A gap and a code of one byte each (most postings of a frequent term): one 16-bit load
        ;; (little-endian: the gap is its low byte) and one branch on both bytes' high bits.
        (local.set $pair (i32.load16_u (local.get $at)))
        (if (i32.eqz (i32.and (local.get $pair) (i32.const 0x8080)))
          (then
            (local.set $gap (i32.and (local.get $pair) (i32.const 0xff)))
            (local.set $code (i32.shr_u (local.get $pair) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 2))))
          (else
            (local.set $gap (call $varint (local.get $at) (local.get $end)))
            (local.set $code (call $varint (global.get $varintEnd) (local.get $end)))
            (local.set $at (global.get $varintEnd))
            ;; Codes past the tables (and -1) read their last entry: damage -1, gain 0.
            (if (i32.gt_u (local.get $code) (i32.const 511)) (then (local.set $code (i32.const 511))))))
        (local.set $ordinal (i32.add (local.get $ordinal) (local.get $gap)))
        (local.set $damaged
          (i32.or (local.get $damaged)
            (i32.or (i32.sub (local.get $gap) (local.get $minGap))
              (i32.load (i32.add (local.get $damageTable) (i32.shl (local.get $code) (i32.const 2)))))))
        (local.set $minGap (i32.const 1))
        (if (i32.ge_u (local.get $ordinal) (local.get $size))
          (then (local.set $damaged (i32.const -1)) (br $done)))
        (local.set $address (i32.add (local.get $strength) (i32.shl (local.get $ordinal) (i32.const 2))))
        (f32.store (local.get $address)
          (f32.demote_f64
            (f64.add
              (f64.promote_f32 (f32.load (local.get $address)))
              (f64.load (i32.add (local.get $gains) (i32.shl (local.get $code) (i32.const 3)))))))
        (br_if $next (local.tee $count (i32.sub (local.get $count) (i32.const 1))))))
    (global.set $lastOrdinal (local.get $ordinal))
    (global.set $damage (local.get $damaged))
    (local.get $at))

;; ranked-search.ts addTableRange: the postings from $at to $end (one range of a list, as its
  ;; range table cuts it) counted from ordinal $previous, each adding gains[code] to
  ;; strength[ordinal - $base] as strengthPass adds. Returns 1, or 0 at the first damage: a
  ;; varint past $end or past 2^31 - 1, an invalid code, an ordinal outside [$base, $base +
  ;; $span) or not above the one before (the pass stops there and writes nothing out of place).
  (func (export "rangePass")
    (param $at i32) (param $end i32) (param $previous i32) (param $base i32) (param $span i32) (param $gains i32) (param $damageTable i32) (param $strength i32)
    (result i32)
    (local $ordinal i32) (local $gap i32) (local $code i32) (local $pair i32) (local $relative i32) (local $last i32) (local $address i32)
    (local.set $ordinal (local.get $previous))
    (local.set $last (i32.const -1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $pair (i32.load16_u (local.get $at)))
        (if (i32.eqz (i32.and (local.get $pair) (i32.const 0x8080)))
          (then
            (local.set $gap (i32.and (local.get $pair) (i32.const 0xff)))
            (local.set $code (i32.shr_u (local.get $pair) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 2))))
          (else
            (local.set $gap (call $varint (local.get $at) (local.get $end)))
            (local.set $code (call $varint (global.get $varintEnd) (local.get $end)))
            (local.set $at (global.get $varintEnd))
            (if (i32.or (i32.lt_s (local.get $gap) (i32.const 0)) (i32.lt_s (local.get $code) (i32.const 0))) (then (return (i32.const 0))))
            (if (i32.gt_u (local.get $code) (i32.const 511)) (then (return (i32.const 0))))))
        (if (i32.load (i32.add (local.get $damageTable) (i32.shl (local.get $code) (i32.const 2)))) (then (return (i32.const 0))))
        (local.set $ordinal (i32.add (local.get $ordinal) (local.get $gap)))
        (local.set $relative (i32.sub (local.get $ordinal) (local.get $base)))
        (if (i32.or (i32.ge_u (local.get $relative) (local.get $span)) (i32.le_s (local.get $relative) (local.get $last)))
          (then (return (i32.const 0))))
        (local.set $last (local.get $relative))
        (local.set $address (i32.add (local.get $strength) (i32.shl (local.get $relative) (i32.const 2))))
        (f32.store (local.get $address)
          (f32.demote_f64
            (f64.add
              (f64.promote_f32 (f32.load (local.get $address)))
              (f64.load (i32.add (local.get $gains) (i32.shl (local.get $code) (i32.const 3)))))))
        (br $next)))
    (i32.const 1))

  ;; ranked-search.ts scoreRange, after a term's range passes: for each set bit of the $words
  ;; words at $bits (bit o % 32 of word o / 32 − $firstWord) whose ordinal lies in [$base, $end),
  ;; score[ordinal] = idf × saturate(strength[ordinal − $base]) as float32, added to the score
  ;; there unless $isFirst (both rounded as a Float32Array store rounds).
  (func (export "scoreRangeHits")
    (param $bits i32) (param $firstWord i32) (param $words i32) (param $base i32) (param $end i32) (param $strength i32) (param $score i32)
    (param $idf f64) (param $k1 f64) (param $k1Plus1 f64) (param $isFirst i32)
    (local $w i32) (local $word i32) (local $ordinal i32) (local $s f64) (local $value f64) (local $address i32)
    (block $done
      (br_if $done (i32.le_s (local.get $words) (i32.const 0)))
      (loop $eachWord
        (local.set $word (i32.load (i32.add (local.get $bits) (i32.shl (local.get $w) (i32.const 2)))))
        (block $wordDone
          (loop $eachBit
            (br_if $wordDone (i32.eqz (local.get $word)))
            (local.set $ordinal (i32.add (i32.shl (i32.add (local.get $firstWord) (local.get $w)) (i32.const 5)) (i32.ctz (local.get $word))))
            (local.set $word (i32.and (local.get $word) (i32.sub (local.get $word) (i32.const 1))))
            (if (i32.and (i32.ge_u (local.get $ordinal) (local.get $base)) (i32.lt_u (local.get $ordinal) (local.get $end)))
              (then
                (local.set $s (f64.promote_f32 (f32.load (i32.add (local.get $strength) (i32.shl (i32.sub (local.get $ordinal) (local.get $base)) (i32.const 2))))))
                (local.set $value (f64.mul (local.get $idf) (f64.div (f64.mul (local.get $k1Plus1) (local.get $s)) (f64.add (local.get $s) (local.get $k1)))))
                (local.set $address (i32.add (local.get $score) (i32.shl (local.get $ordinal) (i32.const 2))))
                (if (i32.eqz (local.get $isFirst))
                  (then (local.set $value (f64.add (f64.promote_f32 (f32.load (local.get $address))) (local.get $value)))))
                (f32.store (local.get $address) (f32.demote_f64 (local.get $value)))))
            (br $eachBit)))
        (br_if $eachWord (i32.lt_u (local.tee $w (i32.add (local.get $w) (i32.const 1))) (local.get $words))))))

  ;; ranked-search.ts's bit columns (a bit per ordinal): $dst |= $src and $dst &= $src over
  ;; $words words; collectBits writes the ordinal of every set bit of the $words words at $bits
  ;; to $out, ascending, and returns how many (a word of 32 set bits as 32 ordinals in a row).
  (func (export "orBits") (param $dst i32) (param $src i32) (param $words i32)
    (local $at i32) (local $end i32)
    (local.set $end (i32.shl (local.get $words) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (i32.store (i32.add (local.get $dst) (local.get $at))
          (i32.or (i32.load (i32.add (local.get $dst) (local.get $at))) (i32.load (i32.add (local.get $src) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $next))))

  (func (export "andBits") (param $dst i32) (param $src i32) (param $words i32)
    (local $at i32) (local $end i32)
    (local.set $end (i32.shl (local.get $words) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (i32.store (i32.add (local.get $dst) (local.get $at))
          (i32.and (i32.load (i32.add (local.get $dst) (local.get $at))) (i32.load (i32.add (local.get $src) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $next))))

  (func (export "collectBits") (param $bits i32) (param $words i32) (param $out i32) (result i32)
    (local $w i32) (local $word i32) (local $count i32) (local $k i32) (local $base i32)
    (block $done
      (br_if $done (i32.le_s (local.get $words) (i32.const 0)))
      (loop $eachWord
        (local.set $word (i32.load (i32.add (local.get $bits) (i32.shl (local.get $w) (i32.const 2)))))
        (local.set $base (i32.shl (local.get $w) (i32.const 5)))
        (if (i32.eq (local.get $word) (i32.const -1))
          (then
            (local.set $k (i32.const 0))
            (loop $full
              (i32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $count) (local.get $k)) (i32.const 2))) (i32.add (local.get $base) (local.get $k)))
              (br_if $full (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 32))))
            (local.set $count (i32.add (local.get $count) (i32.const 32))))
          (else
            (block $wordDone
              (loop $eachBit
                (br_if $wordDone (i32.eqz (local.get $word)))
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (i32.add (local.get $base) (i32.ctz (local.get $word))))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (local.set $word (i32.and (local.get $word) (i32.sub (local.get $word) (i32.const 1))))
                (br $eachBit)))))
        (br_if $eachWord (i32.lt_u (local.tee $w (i32.add (local.get $w) (i32.const 1))) (local.get $words)))))
    (local.get $count))

    ;; The other passes of accumulate-list.ts, by $mode (the same for every posting, so its
  ;; branch is always predicted): decoded and checked as strengthPass, then for the item
  ;; (matched: u8 column, candidates: u32 column with one spare entry, strength: f32 column)
  ;;   0 markPass:   matched = 1, strength += gain
  ;;   1 sparsePass: when matched >= $step: matched = $step + 1, strength += gain
  ;;   2 firstPass:  candidates[$found] = ordinal, $found += 1 - matched, matched = 1,
  ;;                 strength += gain (the new count of candidates is left in $found)
  (global $found (export "found") (mut i32) (i32.const 0))
  (func (export "listPass")
    (param $mode i32) (param $at i32) (param $end i32) (param $count i32) (param $gains i32) (param $damageTable i32)
    (param $step i32) (param $matched i32) (param $strength i32) (param $candidates i32) (param $found i32) (param $size i32)
    (result i32)
    (local $ordinal i32) (local $gap i32) (local $code i32) (local $damaged i32) (local $minGap i32) (local $address i32) (local $seen i32) (local $pair i32)
    (block $done
      (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
      (loop $next
        (local.set $pair (i32.load16_u (local.get $at)))
        (if (i32.eqz (i32.and (local.get $pair) (i32.const 0x8080)))
          (then
            (local.set $gap (i32.and (local.get $pair) (i32.const 0xff)))
            (local.set $code (i32.shr_u (local.get $pair) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 2))))
          (else
            (local.set $gap (call $varint (local.get $at) (local.get $end)))
            (local.set $code (call $varint (global.get $varintEnd) (local.get $end)))
            (local.set $at (global.get $varintEnd))
            (if (i32.gt_u (local.get $code) (i32.const 511)) (then (local.set $code (i32.const 511))))))
        (local.set $ordinal (i32.add (local.get $ordinal) (local.get $gap)))
        (local.set $damaged
          (i32.or (local.get $damaged)
            (i32.or (i32.sub (local.get $gap) (local.get $minGap))
              (i32.load (i32.add (local.get $damageTable) (i32.shl (local.get $code) (i32.const 2)))))))
        (local.set $minGap (i32.const 1))
        (if (i32.ge_u (local.get $ordinal) (local.get $size))
          (then (local.set $damaged (i32.const -1)) (br $done)))
        (local.set $seen (i32.load8_u (i32.add (local.get $matched) (local.get $ordinal))))
        (block $add
          (if (i32.eq (local.get $mode) (i32.const 1))
            (then
              (br_if $add (i32.lt_u (local.get $seen) (local.get $step)))
              (i32.store8 (i32.add (local.get $matched) (local.get $ordinal)) (i32.add (local.get $step) (i32.const 1))))
            (else
              (if (i32.eq (local.get $mode) (i32.const 2))
                (then
                  (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $found) (i32.const 2))) (local.get $ordinal))
                  (local.set $found (i32.sub (i32.add (local.get $found) (i32.const 1)) (local.get $seen)))))
              (i32.store8 (i32.add (local.get $matched) (local.get $ordinal)) (i32.const 1))))
          (local.set $address (i32.add (local.get $strength) (i32.shl (local.get $ordinal) (i32.const 2))))
          (f32.store (local.get $address)
            (f32.demote_f64
              (f64.add
                (f64.promote_f32 (f32.load (local.get $address)))
                (f64.load (i32.add (local.get $gains) (i32.shl (local.get $code) (i32.const 3))))))))
        (br_if $next (local.tee $count (i32.sub (local.get $count) (i32.const 1))))))
    (global.set $found (local.get $found))
    (global.set $lastOrdinal (local.get $ordinal))
    (global.set $damage (local.get $damaged))
    (local.get $at))

  ;; accumulate-list.ts's pairPass: a word pair's list (its codes are first positions:
  ;; pair-positions.ts) lowers positions[ordinal] (u16) to $table[code] (u16 by code), decoded and
  ;; checked as strengthPass.
  (func (export "pairPass")
    (param $at i32) (param $end i32) (param $count i32) (param $table i32) (param $damageTable i32) (param $positions i32) (param $size i32)
    (result i32)
    (local $ordinal i32) (local $gap i32) (local $code i32) (local $damaged i32) (local $minGap i32) (local $address i32) (local $pair i32) (local $position i32) (local $current i32)
    (block $done
      (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
      (loop $next
        (local.set $pair (i32.load16_u (local.get $at)))
        (if (i32.eqz (i32.and (local.get $pair) (i32.const 0x8080)))
          (then
            (local.set $gap (i32.and (local.get $pair) (i32.const 0xff)))
            (local.set $code (i32.shr_u (local.get $pair) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 2))))
          (else
            (local.set $gap (call $varint (local.get $at) (local.get $end)))
            (local.set $code (call $varint (global.get $varintEnd) (local.get $end)))
            (local.set $at (global.get $varintEnd))
            (if (i32.gt_u (local.get $code) (i32.const 511)) (then (local.set $code (i32.const 511))))))
        (local.set $ordinal (i32.add (local.get $ordinal) (local.get $gap)))
        (local.set $damaged
          (i32.or (local.get $damaged)
            (i32.or (i32.sub (local.get $gap) (local.get $minGap))
              (i32.load (i32.add (local.get $damageTable) (i32.shl (local.get $code) (i32.const 2)))))))
        (local.set $minGap (i32.const 1))
        (if (i32.ge_u (local.get $ordinal) (local.get $size))
          (then (local.set $damaged (i32.const -1)) (br $done)))
        (local.set $address (i32.add (local.get $positions) (i32.shl (local.get $ordinal) (i32.const 1))))
        (local.set $position (i32.load16_u (i32.add (local.get $table) (i32.shl (local.get $code) (i32.const 1)))))
        (local.set $current (i32.load16_u (local.get $address)))
        (i32.store16 (local.get $address)
          (select (local.get $position) (local.get $current) (i32.lt_u (local.get $position) (local.get $current))))
        (br_if $next (local.tee $count (i32.sub (local.get $count) (i32.const 1))))))
    (global.set $lastOrdinal (local.get $ordinal))
    (global.set $damage (local.get $damaged))
    (local.get $at))

  ;; phrase-match.ts's pair filters, over a positions column (u16; 0xffff: the item holds no
  ;; such pair). collectHolding: every ordinal below $size holding the pair, in order, to
  ;; $candidates; keepHolding: those of the first $found candidates that hold it, to $kept (the
  ;; candidates themselves or another place: each is written at or before where it was read).
  ;; Both return how many, without a branch per item.
  (func (export "collectHolding") (param $candidates i32) (param $positions i32) (param $size i32) (result i32)
    (local $ordinal i32) (local $at i32)
    (block $done
      (br_if $done (i32.eqz (local.get $size)))
      (loop $next
        (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $at) (i32.const 2))) (local.get $ordinal))
        (local.set $at (i32.add (local.get $at)
          (i32.ne (i32.load16_u (i32.add (local.get $positions) (i32.shl (local.get $ordinal) (i32.const 1)))) (i32.const 0xffff))))
        (br_if $next (i32.lt_u (local.tee $ordinal (i32.add (local.get $ordinal) (i32.const 1))) (local.get $size)))))
    (local.get $at))

  (func (export "keepHolding") (param $candidates i32) (param $found i32) (param $positions i32) (param $kept i32) (result i32)
    (local $c i32) (local $ordinal i32) (local $count i32)
    (block $done
      (br_if $done (i32.le_s (local.get $found) (i32.const 0)))
      (loop $next
        (local.set $ordinal (i32.load (i32.add (local.get $candidates) (i32.shl (local.get $c) (i32.const 2)))))
        (i32.store (i32.add (local.get $kept) (i32.shl (local.get $count) (i32.const 2))) (local.get $ordinal))
        (local.set $count (i32.add (local.get $count)
          (i32.ne (i32.load16_u (i32.add (local.get $positions) (i32.shl (local.get $ordinal) (i32.const 1)))) (i32.const 0xffff))))
        (br_if $next (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $found)))))
    (local.get $count))

  ;; The column passes that end a term (match-terms.ts; see there for what each does), over the
  ;; same columns, their scores computed as term-score.ts computes them: $idf × ((k1 + 1) ×
  ;; strength) / (strength + k1) in f64, added to the f64 of a float32 score, rounded to float32.
  ;; "Matched" is a strength's bits above 0, as match-terms.ts's matchBit says it.

  ;; The highest score (or strength's bits) of the last pass. The passes take the highest over
  ;; the bits (a non-negative float32 orders as its bits do): an i32 comparison, where f64.max
  ;; (which must order NaN and -0) made a chain of several instructions through every item.
  (global $maxScore (export "maxScore") (mut f64) (f64.const 0))
  (global $maxBits (export "maxBits") (mut i32) (i32.const 0))

  ;; Each pass spells the score out, $idf × ((k1 + 1) × s) / (s + k1) of a strength s (its local
  ;; $s), rather than calling a function for it: the V8 of Node 20 does not inline WebAssembly
  ;; calls, and a call per item took ~1 ms of a three-word search at 1M items.

  ;; collectFirstMatches: every item in order; returns how many have strength.
  (func (export "collectFirstMatches")
    (param $candidates i32) (param $strength i32) (param $score i32) (param $size i32) (param $idf f64) (param $k1 f64) (param $k1Plus1 f64)
    (result i32)
    (local $ordinal i32) (local $found i32) (local $max i32) (local $bits i32) (local $scored f32) (local $offset i32) (local $s f64)
    (block $done
      (br_if $done (i32.eqz (local.get $size)))
      (loop $next
        (local.set $offset (i32.shl (local.get $ordinal) (i32.const 2)))
        (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $found) (i32.const 2))) (local.get $ordinal))
        (local.set $found (i32.add (local.get $found)
          (i32.shr_u (i32.sub (i32.const 0) (i32.load (i32.add (local.get $strength) (local.get $offset)))) (i32.const 31))))
        (local.set $s (f64.promote_f32 (f32.load (i32.add (local.get $strength) (local.get $offset)))))
        (local.set $scored (f32.demote_f64 (f64.mul (local.get $idf)
          (f64.div (f64.mul (local.get $k1Plus1) (local.get $s)) (f64.add (local.get $s) (local.get $k1))))))
        (f32.store (i32.add (local.get $score) (local.get $offset)) (local.get $scored))
        (local.set $bits (i32.reinterpret_f32 (local.get $scored)))
        (local.set $max (select (local.get $bits) (local.get $max) (i32.gt_s (local.get $bits) (local.get $max))))
        (br_if $next (i32.lt_u (local.tee $ordinal (i32.add (local.get $ordinal) (i32.const 1))) (local.get $size)))))
    (global.set $maxScore (f64.promote_f32 (f32.reinterpret_i32 (local.get $max))))
    (local.get $found))

  ;; collectStrengthened: every item in order; returns how many have strength, the highest bits in $maxBits.
  (func (export "collectStrengthened") (param $candidates i32) (param $strength i32) (param $size i32) (result i32)
    (local $ordinal i32) (local $found i32) (local $bits i32) (local $max i32)
    (block $done
      (br_if $done (i32.eqz (local.get $size)))
      (loop $next
        (local.set $bits (i32.load (i32.add (local.get $strength) (i32.shl (local.get $ordinal) (i32.const 2)))))
        (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $found) (i32.const 2))) (local.get $ordinal))
        (local.set $found (i32.add (local.get $found) (i32.shr_u (i32.sub (i32.const 0) (local.get $bits)) (i32.const 31))))
        (local.set $max (select (local.get $bits) (local.get $max) (i32.gt_s (local.get $bits) (local.get $max))))
        (br_if $next (i32.lt_u (local.tee $ordinal (i32.add (local.get $ordinal) (i32.const 1))) (local.get $size)))))
    (global.set $maxBits (local.get $max))
    (local.get $found))

  ;; keepStrengthened: the first $found candidates; returns how many are kept. $isFirst: the
  ;; search's first term, whose score replaces what the column held rather than adding to it.
  (func (export "keepStrengthened")
    (param $candidates i32) (param $found i32) (param $strength i32) (param $score i32) (param $idf f64) (param $k1 f64) (param $k1Plus1 f64) (param $isSparse i32) (param $isFirst i32)
    (result i32)
    (local $c i32) (local $ordinal i32) (local $kept i32) (local $max i32) (local $bits i32) (local $summed f32) (local $scored f32) (local $isMatch i32) (local $offset i32) (local $s f64)
    (block $done
      (br_if $done (i32.le_s (local.get $found) (i32.const 0)))
      (loop $next
        (local.set $ordinal (i32.load (i32.add (local.get $candidates) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $offset (i32.shl (local.get $ordinal) (i32.const 2)))
        (local.set $summed (f32.load (i32.add (local.get $strength) (local.get $offset))))
        (local.set $isMatch (i32.shr_u (i32.sub (i32.const 0) (i32.reinterpret_f32 (local.get $summed))) (i32.const 31)))
        (local.set $s (f64.promote_f32 (local.get $summed)))
        (local.set $scored (f32.demote_f64 (f64.add
          (f64.promote_f32 (select (f32.const 0) (f32.load (i32.add (local.get $score) (local.get $offset))) (local.get $isFirst)))
          (f64.mul (local.get $idf) (f64.div (f64.mul (local.get $k1Plus1) (local.get $s)) (f64.add (local.get $s) (local.get $k1)))))))
        (f32.store (i32.add (local.get $score) (local.get $offset)) (local.get $scored))
        ;; A dense term's strengths are left for the caller to zero (with the others' it added).
        (if (local.get $isSparse) (then (f32.store (i32.add (local.get $strength) (local.get $offset)) (f32.const 0))))
        (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $kept) (i32.const 2))) (local.get $ordinal))
        (local.set $kept (i32.add (local.get $kept) (local.get $isMatch)))
        (local.set $bits (select (i32.reinterpret_f32 (local.get $scored)) (i32.const 0) (local.get $isMatch)))
        (local.set $max (select (local.get $bits) (local.get $max) (i32.gt_s (local.get $bits) (local.get $max))))
        (br_if $next (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $found)))))
    (global.set $maxScore (f64.promote_f32 (f32.reinterpret_i32 (local.get $max))))
    (local.get $kept))

  ;; scoreTwoTerms: a search's first two terms, both dense, ended in one pass over the first
  ;; $found candidates (the items the search was given: match-terms.ts), rather than one
  ;; keepStrengthened pass each: the first term's strengths at $first, the second's at $second
  ;; (which becomes the score column). A candidate with both strengths is kept, its score what
  ;; the two passes give in turn: the first term's score rounded to float32, then the second's
  ;; added and the sum rounded. Returns how many are kept; the second's strengths at the items
  ;; not kept stay (a score column is only read where written).
  (func (export "scoreTwoTerms")
    (param $candidates i32) (param $found i32) (param $first i32) (param $second i32)
    (param $idf f64) (param $idfSecond f64) (param $k1 f64) (param $k1Plus1 f64)
    (result i32)
    (local $c i32) (local $ordinal i32) (local $kept i32) (local $max i32) (local $bits i32) (local $offset i32)
    (local $s f64) (local $t f64) (local $isMatch i32) (local $scored f32)
    (block $done
      (br_if $done (i32.le_s (local.get $found) (i32.const 0)))
      (loop $next
        (local.set $ordinal (i32.load (i32.add (local.get $candidates) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $offset (i32.shl (local.get $ordinal) (i32.const 2)))
        (local.set $bits (i32.load (i32.add (local.get $first) (local.get $offset))))
        (local.set $s (f64.promote_f32 (f32.reinterpret_i32 (local.get $bits))))
        (local.set $isMatch (i32.shr_u (i32.sub (i32.const 0) (local.get $bits)) (i32.const 31)))
        (local.set $bits (i32.load (i32.add (local.get $second) (local.get $offset))))
        (local.set $t (f64.promote_f32 (f32.reinterpret_i32 (local.get $bits))))
        (local.set $isMatch (i32.and (local.get $isMatch) (i32.shr_u (i32.sub (i32.const 0) (local.get $bits)) (i32.const 31))))
        (local.set $scored (f32.demote_f64 (f64.add
          (f64.promote_f32 (f32.demote_f64 (f64.mul (local.get $idf)
            (f64.div (f64.mul (local.get $k1Plus1) (local.get $s)) (f64.add (local.get $s) (local.get $k1))))))
          (f64.mul (local.get $idfSecond)
            (f64.div (f64.mul (local.get $k1Plus1) (local.get $t)) (f64.add (local.get $t) (local.get $k1)))))))
        (f32.store (i32.add (local.get $second) (local.get $offset)) (local.get $scored))
        (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $kept) (i32.const 2))) (local.get $ordinal))
        (local.set $kept (i32.add (local.get $kept) (local.get $isMatch)))
        (local.set $bits (select (i32.reinterpret_f32 (local.get $scored)) (i32.const 0) (local.get $isMatch)))
        (local.set $max (select (local.get $bits) (local.get $max) (i32.gt_s (local.get $bits) (local.get $max))))
        (br_if $next (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $found)))))
    (global.set $maxScore (f64.promote_f32 (f32.reinterpret_i32 (local.get $max))))
    (local.get $kept))

  ;; scoreFirstMatches: the first $found candidates' scores, their strengths back to 0.
  (func (export "scoreFirstMatches")
    (param $candidates i32) (param $found i32) (param $strength i32) (param $score i32) (param $idf f64) (param $k1 f64) (param $k1Plus1 f64)
    (local $c i32) (local $offset i32) (local $max i32) (local $bits i32) (local $scored f32) (local $s f64)
    (block $done
      (br_if $done (i32.le_s (local.get $found) (i32.const 0)))
      (loop $next
        (local.set $offset (i32.shl (i32.load (i32.add (local.get $candidates) (i32.shl (local.get $c) (i32.const 2)))) (i32.const 2)))
        (local.set $s (f64.promote_f32 (f32.load (i32.add (local.get $strength) (local.get $offset)))))
        (local.set $scored (f32.demote_f64 (f64.mul (local.get $idf)
          (f64.div (f64.mul (local.get $k1Plus1) (local.get $s)) (f64.add (local.get $s) (local.get $k1))))))
        (f32.store (i32.add (local.get $score) (local.get $offset)) (local.get $scored))
        (f32.store (i32.add (local.get $strength) (local.get $offset)) (f32.const 0))
        (local.set $bits (i32.reinterpret_f32 (local.get $scored)))
        (local.set $max (select (local.get $bits) (local.get $max) (i32.gt_s (local.get $bits) (local.get $max))))
        (br_if $next (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $found)))))
    (global.set $maxScore (f64.promote_f32 (f32.reinterpret_i32 (local.get $max)))))

  ;; readMatched: the ordinals the matched column marks (1), in order; returns how many.
  (func (export "readMatched") (param $candidates i32) (param $matched i32) (param $size i32) (result i32)
    (local $ordinal i32) (local $at i32)
    (block $done
      (br_if $done (i32.eqz (local.get $size)))
      (loop $next
        (i32.store (i32.add (local.get $candidates) (i32.shl (local.get $at) (i32.const 2))) (local.get $ordinal))
        (local.set $at (i32.add (local.get $at) (i32.load8_u (i32.add (local.get $matched) (local.get $ordinal)))))
        (br_if $next (i32.lt_u (local.tee $ordinal (i32.add (local.get $ordinal) (i32.const 1))) (local.get $size)))))
    (local.get $at))

  ;; rank-hits.ts keepByScore: the $length hits at $ordinals whose score is at least $floor, in
  ;; order, to $kept (without a branch: each hit is written, and kept when it reaches the floor);
  ;; returns how many.
  (func (export "keepByScore") (param $ordinals i32) (param $length i32) (param $score i32) (param $floor f32) (param $kept i32) (result i32)
    (local $i i32) (local $ordinal i32) (local $count i32)
    (block $done
      (br_if $done (i32.le_s (local.get $length) (i32.const 0)))
      (loop $next
        (local.set $ordinal (i32.load (i32.add (local.get $ordinals) (i32.shl (local.get $i) (i32.const 2)))))
        (i32.store (i32.add (local.get $kept) (i32.shl (local.get $count) (i32.const 2))) (local.get $ordinal))
        (local.set $count (i32.add (local.get $count)
          (f32.ge (f32.load (i32.add (local.get $score) (i32.shl (local.get $ordinal) (i32.const 2)))) (local.get $floor))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $length)))))
    (local.get $count))

  ;; facet-rows.ts's tallies: an ordinal's place and decision ids are the pair at $ids (u16
  ;; each, or u32 when $wide), each counted in $places / $decisions (u32; an id past its count
  ;; is not counted, as a typed array ignores a write past its end).
  ;; tallyIds spells the count out rather than calling $tallyOne for it: the V8 of Node 20 does
  ;; not inline WebAssembly calls, and a call per hit took a third of a tally of half a million
  ;; hits. tallyComplement counts the items that are no hits, fewer than the hits.
  (func $tallyOne (param $ordinal i32) (param $ids i32) (param $wide i32) (param $places i32) (param $placeCount i32) (param $decisions i32) (param $decisionCount i32)
    (local $place i32) (local $decision i32) (local $address i32)
    (if (local.get $wide)
      (then
        (local.set $address (i32.add (local.get $ids) (i32.shl (local.get $ordinal) (i32.const 3))))
        (local.set $place (i32.load (local.get $address)))
        (local.set $decision (i32.load offset=4 (local.get $address))))
      (else
        (local.set $address (i32.add (local.get $ids) (i32.shl (local.get $ordinal) (i32.const 2))))
        (local.set $place (i32.load16_u (local.get $address)))
        (local.set $decision (i32.load16_u offset=2 (local.get $address)))))
    (if (i32.lt_u (local.get $place) (local.get $placeCount))
      (then
        (local.set $address (i32.add (local.get $places) (i32.shl (local.get $place) (i32.const 2))))
        (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.const 1)))))
    (if (i32.lt_u (local.get $decision) (local.get $decisionCount))
      (then
        (local.set $address (i32.add (local.get $decisions) (i32.shl (local.get $decision) (i32.const 2))))
        (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.const 1))))))

  ;; tallyIds: the $length hits at $hits; an ordinal at or past $size has ids 0, as
  ;; facet-rows.ts reads them.
  (func (export "tallyIds") (param $hits i32) (param $length i32) (param $size i32) (param $ids i32) (param $wide i32) (param $places i32) (param $placeCount i32) (param $decisions i32) (param $decisionCount i32)
    (local $i i32) (local $ordinal i32) (local $place i32) (local $decision i32) (local $address i32)
    (block $done
      (br_if $done (i32.le_s (local.get $length) (i32.const 0)))
      (loop $next
        (local.set $ordinal (i32.load (i32.add (local.get $hits) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $place (i32.const 0))
        (local.set $decision (i32.const 0))
        (if (i32.lt_u (local.get $ordinal) (local.get $size))
          (then
            (if (local.get $wide)
              (then
                (local.set $address (i32.add (local.get $ids) (i32.shl (local.get $ordinal) (i32.const 3))))
                (local.set $place (i32.load (local.get $address)))
                (local.set $decision (i32.load offset=4 (local.get $address))))
              (else
                (local.set $address (i32.add (local.get $ids) (i32.shl (local.get $ordinal) (i32.const 2))))
                (local.set $place (i32.load16_u (local.get $address)))
                (local.set $decision (i32.load16_u offset=2 (local.get $address)))))))
        (if (i32.lt_u (local.get $place) (local.get $placeCount))
          (then
            (local.set $address (i32.add (local.get $places) (i32.shl (local.get $place) (i32.const 2))))
            (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.const 1)))))
        (if (i32.lt_u (local.get $decision) (local.get $decisionCount))
          (then
            (local.set $address (i32.add (local.get $decisions) (i32.shl (local.get $decision) (i32.const 2))))
            (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.const 1)))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $length))))))

  ;; tallyComplement: every ordinal below $size that is not among the $length hits, which must
  ;; ascend strictly below $size: returns 1, or 0 as soon as they do not (what was counted
  ;; then is to be discarded).
  (func (export "tallyComplement") (param $hits i32) (param $length i32) (param $size i32) (param $ids i32) (param $wide i32) (param $places i32) (param $placeCount i32) (param $decisions i32) (param $decisionCount i32) (result i32)
    (local $i i32) (local $hit i32) (local $next i32)
    (block $hitsDone
      (br_if $hitsDone (i32.le_s (local.get $length) (i32.const 0)))
      (loop $eachHit
        (local.set $hit (i32.load (i32.add (local.get $hits) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.ne (local.get $hit) (local.get $next))
          (then
            (if (i32.or (i32.lt_u (local.get $hit) (local.get $next)) (i32.ge_u (local.get $hit) (local.get $size)))
              (then (return (i32.const 0))))
            (loop $gap
              (call $tallyOne (local.get $next) (local.get $ids) (local.get $wide) (local.get $places) (local.get $placeCount) (local.get $decisions) (local.get $decisionCount))
              (br_if $gap (i32.lt_u (local.tee $next (i32.add (local.get $next) (i32.const 1))) (local.get $hit))))))
        (local.set $next (i32.add (local.get $hit) (i32.const 1)))
        (br_if $eachHit (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $length)))))
    ;; Hits that ran on past $size without a gap (the last one at or past it) fail as well.
    (if (i32.gt_u (local.get $next) (local.get $size))
      (then (return (i32.const 0))))
    (block $restDone
      (br_if $restDone (i32.ge_u (local.get $next) (local.get $size)))
      (loop $rest
        (call $tallyOne (local.get $next) (local.get $ids) (local.get $wide) (local.get $places) (local.get $placeCount) (local.get $decisions) (local.get $decisionCount))
        (br_if $rest (i32.lt_u (local.tee $next (i32.add (local.get $next) (i32.const 1))) (local.get $size)))))
    (i32.const 1))

  ;; facet-rows.ts filterRows: each of the $length hits at $hits whose place and decision ids
  ;; (as tallyIds reads them) miss no selected value ($placeMisses / $decisionMisses: a byte
  ;; per id, one bit per dimension its combination fails) is kept at $kept and counted in
  ;; $places / $decisions; one missing exactly one dimension is counted in $placesMissing or
  ;; $decisionsMissing instead (a dimension's counts ignore its own selection). Each table has
  ;; one entry more than its count, for an id past it: such an id misses nothing (its miss
  ;; entry is 0) and is counted in that spare entry, as the typed arrays of filterRows read and
  ;; write past their ends; an ordinal at or past $size has ids 0, as filterRows reads them.
  ;; Without branches on the hit (which fail a filter unpredictably): every hit adds 0 or 1 to
  ;; each table. Returns how many were kept.
  (func (export "filterIds")
    (param $hits i32) (param $length i32) (param $size i32) (param $ids i32) (param $wide i32)
    (param $placeMisses i32) (param $placeCount i32) (param $decisionMisses i32) (param $decisionCount i32)
    (param $places i32) (param $decisions i32) (param $placesMissing i32) (param $decisionsMissing i32) (param $kept i32)
    (result i32)
    (local $i i32) (local $ordinal i32) (local $place i32) (local $decision i32) (local $address i32)
    (local $decisionMiss i32) (local $miss i32) (local $keep i32) (local $single i32) (local $count i32)
    (block $done
      (br_if $done (i32.le_s (local.get $length) (i32.const 0)))
      (loop $next
        (local.set $ordinal (i32.load (i32.add (local.get $hits) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $place (i32.const 0))
        (local.set $decision (i32.const 0))
        (if (i32.lt_u (local.get $ordinal) (local.get $size))
          (then
            (if (local.get $wide)
              (then
                (local.set $address (i32.add (local.get $ids) (i32.shl (local.get $ordinal) (i32.const 3))))
                (local.set $place (i32.load (local.get $address)))
                (local.set $decision (i32.load offset=4 (local.get $address))))
              (else
                (local.set $address (i32.add (local.get $ids) (i32.shl (local.get $ordinal) (i32.const 2))))
                (local.set $place (i32.load16_u (local.get $address)))
                (local.set $decision (i32.load16_u offset=2 (local.get $address)))))))
        (local.set $place (select (local.get $place) (local.get $placeCount) (i32.lt_u (local.get $place) (local.get $placeCount))))
        (local.set $decision (select (local.get $decision) (local.get $decisionCount) (i32.lt_u (local.get $decision) (local.get $decisionCount))))
        (local.set $decisionMiss (i32.load8_u (i32.add (local.get $decisionMisses) (local.get $decision))))
        (local.set $miss (i32.or (i32.load8_u (i32.add (local.get $placeMisses) (local.get $place))) (local.get $decisionMiss)))
        (local.set $keep (i32.eqz (local.get $miss)))
        (local.set $single (i32.and (i32.eqz (local.get $keep)) (i32.eqz (i32.and (local.get $miss) (i32.sub (local.get $miss) (i32.const 1))))))
        (i32.store (i32.add (local.get $kept) (i32.shl (local.get $count) (i32.const 2))) (local.get $ordinal))
        (local.set $count (i32.add (local.get $count) (local.get $keep)))
        (local.set $address (i32.add (local.get $places) (i32.shl (local.get $place) (i32.const 2))))
        (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (local.get $keep)))
        (local.set $address (i32.add (local.get $decisions) (i32.shl (local.get $decision) (i32.const 2))))
        (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (local.get $keep)))
        (local.set $address (i32.add (local.get $placesMissing) (i32.shl (local.get $place) (i32.const 2))))
        (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.and (local.get $single) (i32.eqz (local.get $decisionMiss)))))
        (local.set $address (i32.add (local.get $decisionsMissing) (i32.shl (local.get $decision) (i32.const 2))))
        (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.and (local.get $single) (i32.ne (local.get $decisionMiss) (i32.const 0)))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $length)))))
    (local.get $count))
)
