;; The exact ordering's dynamic programme on integer weights, as WebAssembly (orderingKernel.ts loads it; the compiled
;; bytes are in orderingKernelWasm.ts, written from this file by `make wasm`).
;;
;; Over the subsets s of k values placed first, g(s) = max over v not in s of gain(s, v) + g(s + v), g(all) = 0, where
;; gain(s, v) = sum over u in s of w[u][v]. The subsets are visited as a recursion on their highest free bit: for the
;; block of subsets base + l (l < 2^bits), the upper half (bit v = bits - 1 set) is solved first; then every subset of
;; the lower half takes its move to the upper half in one pass over 2^v consecutive values, four at a time (i32x4);
;; then the lower half is solved. Every move s -> s + v is taken exactly once, after g(s + v) is final, so g is the
;; same function as the plain loop over subsets computes. Blocks of two bits or fewer take their moves one by one.
;;
;; Memory (byte addresses set by `configure`; 32-bit integers):
;;   g    2^k entries: -1 everywhere but g(all) = 0 on entry; g(s) on return
;;   col  2^k entries: col_v(l) = gain(l, v) for l < 2^v at entries 2^v .. 2^(v+1) - 1 (entry 0 unused), from `columns`
;;   lo   k * 2^lowBits entries: lo[m * k + v] = gain(m, v) for m over the low lowBits values
;;   hi   k * 2^(k - lowBits) entries: hi[m * k + v] = gain(m << lowBits, v)
;;   w    k * k entries (only `columns` reads it)
;; The caller keeps every sum of three entries below 2^31.
(module
  (memory (export "memory") 1)
  (global $k (mut i32) (i32.const 0))
  (global $lowBits (mut i32) (i32.const 0))
  (global $lo (mut i32) (i32.const 0))
  (global $hi (mut i32) (i32.const 0))
  (global $col (mut i32) (i32.const 0))
  (global $g (mut i32) (i32.const 0))

  ;; Sets the problem's size and where its tables are.
  (func (export "configure") (param $k i32) (param $lowBits i32) (param $lo i32) (param $hi i32) (param $col i32)
      (param $g i32)
    (global.set $k (local.get $k))
    (global.set $lowBits (local.get $lowBits))
    (global.set $lo (local.get $lo))
    (global.set $hi (local.get $hi))
    (global.set $col (local.get $col))
    (global.set $g (local.get $g)))

  ;; Fills col from w by doubling: col_v(2^u + l) = col_v(l) + w[u][v] for l < 2^u.
  (func (export "columns") (param $w i32)
    (local $v i32) (local $u i32) (local $at i32) (local $c i32) (local $p i32) (local $end i32) (local $half i32)
    (block $vDone
      (loop $vLoop
        (br_if $vDone (i32.ge_u (local.get $v) (global.get $k)))
        (local.set $at (i32.add (global.get $col) (i32.shl (i32.const 4) (local.get $v))))
        (i32.store (local.get $at) (i32.const 0))
        (local.set $u (i32.const 0))
        (block $uDone
          (loop $uLoop
            (br_if $uDone (i32.ge_u (local.get $u) (local.get $v)))
            (local.set $c (i32.load (i32.add (local.get $w)
              (i32.shl (i32.add (i32.mul (local.get $u) (global.get $k)) (local.get $v)) (i32.const 2)))))
            (local.set $half (i32.shl (i32.const 4) (local.get $u)))
            (local.set $p (local.get $at))
            (local.set $end (i32.add (local.get $at) (local.get $half)))
            (loop $copy
              (i32.store (i32.add (local.get $p) (local.get $half)) (i32.add (i32.load (local.get $p)) (local.get $c)))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br_if $copy (i32.lt_u (local.get $p) (local.get $end))))
            (local.set $u (i32.add (local.get $u) (i32.const 1)))
            (br $uLoop)))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vLoop))))

  ;; gain(s, v) from the two half tables.
  (func $gain (param $s i32) (param $v i32) (result i32)
    (i32.add
      (i32.load (i32.add (global.get $lo)
        (i32.shl
          (i32.add
            (i32.mul (i32.and (local.get $s) (i32.sub (i32.shl (i32.const 1) (global.get $lowBits)) (i32.const 1)))
              (global.get $k))
            (local.get $v))
          (i32.const 2))))
      (i32.load (i32.add (global.get $hi)
        (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $s) (global.get $lowBits)) (global.get $k)) (local.get $v))
          (i32.const 2))))))

  ;; Solves the block of subsets base + l, l < 2^bits (base has no bit below `bits`): g(s) final for each on return.
  (func $solve (export "solve") (param $base i32) (param $bits i32)
    (local $v i32) (local $n i32) (local $upper i32) (local $cv v128)
    (local $dst i32) (local $src i32) (local $cp i32) (local $end i32)
    (local $m i32) (local $l i32) (local $s i32) (local $best i32) (local $rest i32) (local $x i32)
    (if (i32.le_u (local.get $bits) (i32.const 2))
      (then
        ;; the block's subsets from the largest down, each taking its moves within the block
        (local.set $m (i32.sub (i32.shl (i32.const 1) (local.get $bits)) (i32.const 1)))
        (local.set $l (local.get $m))
        (loop $each
          (local.set $s (i32.add (local.get $base) (local.get $l)))
          (local.set $best (i32.load (i32.add (global.get $g) (i32.shl (local.get $s) (i32.const 2)))))
          (local.set $rest (i32.and (local.get $m) (i32.xor (local.get $l) (i32.const -1))))
          (block $done
            (loop $next
              (br_if $done (i32.eqz (local.get $rest)))
              (local.set $v (i32.ctz (local.get $rest)))
              (local.set $x
                (i32.add (call $gain (local.get $s) (local.get $v))
                  (i32.load (i32.add (global.get $g)
                    (i32.shl (i32.or (local.get $s) (i32.shl (i32.const 1) (local.get $v))) (i32.const 2))))))
              (if (i32.gt_s (local.get $x) (local.get $best)) (then (local.set $best (local.get $x))))
              (local.set $rest (i32.and (local.get $rest) (i32.sub (local.get $rest) (i32.const 1))))
              (br $next)))
          (i32.store (i32.add (global.get $g) (i32.shl (local.get $s) (i32.const 2))) (local.get $best))
          (if (local.get $l)
            (then (local.set $l (i32.sub (local.get $l) (i32.const 1))) (br $each))))
        (return)))
    (local.set $v (i32.sub (local.get $bits) (i32.const 1)))
    (local.set $n (i32.shl (i32.const 1) (local.get $v)))
    (local.set $upper (i32.add (local.get $base) (local.get $n)))
    (call $solve (local.get $upper) (local.get $v))
    ;; g(base + l) = max(g(base + l), col_v(l) + gain(base, v) + g(upper + l)), four l at a time (2^v >= 4 here)
    (local.set $cv (i32x4.splat (call $gain (local.get $base) (local.get $v))))
    (local.set $dst (i32.add (global.get $g) (i32.shl (local.get $base) (i32.const 2))))
    (local.set $src (i32.add (global.get $g) (i32.shl (local.get $upper) (i32.const 2))))
    (local.set $cp (i32.add (global.get $col) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (loop $stream
      (v128.store (local.get $dst)
        (i32x4.max_s (v128.load (local.get $dst))
          (i32x4.add (i32x4.add (v128.load (local.get $cp)) (local.get $cv)) (v128.load (local.get $src)))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
      (br_if $stream (i32.lt_u (local.get $dst) (local.get $end))))
    (call $solve (local.get $base) (local.get $v))))
