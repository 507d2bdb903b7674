;; The inner loop of mutation.ts's nulls, as WebAssembly (compiled into mutationKernelWasm.ts by `make wasm`): one
;; replicate's sum of set distances over the edges, from that replicate's uint32 draws. Each draw u picks index
;; floor(u / 2^32 · n), the same float64 steps as rng.int(n), and the sum adds the distances in edge order, so the
;; result is the same number as the JavaScript loop's. V8 ran that loop at about 20 ns per draw here.
;;
;; The relation comparisons' label shuffles run here too: a Fisher–Yates shuffle of float64 values from a replicate's
;; draws, each step's index floor(u / 2^32 · (i + 1)) as rng.int(i + 1) gives it.
;;
;; Memory (byte offsets passed in; every array 4-byte aligned, the table 8-byte aligned):
;;   draws   u32 per edge    the replicate's draws
;;   rows    i32 per edge    byte offset of the parent set's row in the table
;;   sets    i32 per model   set id of each model listing the trait (population: all of them; family: grouped by
;;                           family)
;;   base    i32 per edge    (family) where the child's family block starts in sets
;;   choices i32 per edge    (family) models of that block other than the child
;;   own     i32 per edge    (family) the child's place in its block
;;   table   f64 per entry   row r, set y at table + 8 · (r · sets + y), the 1 − Jaccard distance
(module
  (memory (export "memory") 1)

  ;; Σ over m edges of table[row(e) + 8 · sets[floor(u_e / 2^32 · count)]].
  (func (export "population")
    (param $m i32) (param $draws i32) (param $rows i32) (param $sets i32) (param $count f64)
    (result f64)
    (local $i i32) (local $k i32) (local $sum f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $k
          (i32.trunc_f64_u
            (f64.floor
              (f64.mul
                (f64.mul
                  (f64.convert_i32_u (i32.load (i32.add (local.get $draws) (i32.shl (local.get $i) (i32.const 2)))))
                  (f64.const 0x1p-32))
                (local.get $count)))))
        (local.set $sum
          (f64.add (local.get $sum)
            (f64.load
              (i32.add
                (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2))))
                (i32.shl
                  (i32.load (i32.add (local.get $sets) (i32.shl (local.get $k) (i32.const 2))))
                  (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; Σ over m edges of table[row(e) + 8 · sets[base_e + k]], k = floor(u_e / 2^32 · choices_e), plus one at or past
  ;; the child's own place.
  (func (export "family")
    (param $m i32) (param $draws i32) (param $rows i32) (param $sets i32) (param $base i32) (param $choices i32)
    (param $own i32)
    (result f64)
    (local $i i32) (local $at i32) (local $k i32) (local $sum f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $k
          (i32.trunc_f64_u
            (f64.floor
              (f64.mul
                (f64.mul
                  (f64.convert_i32_u (i32.load (i32.add (local.get $draws) (local.get $at))))
                  (f64.const 0x1p-32))
                (f64.convert_i32_s (i32.load (i32.add (local.get $choices) (local.get $at))))))))
        (local.set $k
          (i32.add (local.get $k)
            (i32.ge_s (local.get $k) (i32.load (i32.add (local.get $own) (local.get $at))))))
        (local.set $sum
          (f64.add (local.get $sum)
            (f64.load
              (i32.add
                (i32.load (i32.add (local.get $rows) (local.get $at)))
                (i32.shl
                  (i32.load
                    (i32.add (local.get $sets)
                      (i32.shl
                        (i32.add (i32.load (i32.add (local.get $base) (local.get $at))) (local.get $k))
                        (i32.const 2))))
                  (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; Shuffles n float64 values at $values in place: for i from n - 1 down to 1, the draw at index n - 1 - i picks
  ;; j = floor(u / 2^32 · (i + 1)) and values i and j swap.
  (func (export "shuffle") (param $n i32) (param $draws i32) (param $values i32)
    (local $i i32) (local $d i32) (local $at i32) (local $other i32) (local $x f64)
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (local.set $d (local.get $draws))
    (block $done
      (loop $next
        (br_if $done (i32.le_s (local.get $i) (i32.const 0)))
        (local.set $other
          (i32.add (local.get $values)
            (i32.shl
              (i32.trunc_f64_u
                (f64.floor
                  (f64.mul
                    (f64.mul (f64.convert_i32_u (i32.load (local.get $d))) (f64.const 0x1p-32))
                    (f64.convert_i32_s (i32.add (local.get $i) (i32.const 1))))))
              (i32.const 3))))
        (local.set $at (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $x (f64.load (local.get $at)))
        (f64.store (local.get $at) (f64.load (local.get $other)))
        (f64.store (local.get $other) (local.get $x))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $next))))
)
