;; Myers' bit-vector Levenshtein distance in Hyyrö's block form (levenshtein.ts describes it) on 64-bit blocks, as
;; WebAssembly (compiled into levenshteinKernelWasm.ts by `make wasm`). levenshtein.ts maps both strings to the
;; pattern's symbols and writes the tables; this loop advances every block once per text symbol. The same word
;; operations as the 32-bit form in JavaScript, on twice the bits per step.
;;
;; Memory (byte addresses passed in, 8-byte aligned):
;;   peq   symbols * blocks 64-bit match vectors: bit i of block b of symbol s is set where pattern[64b + i] is s
;;         (symbol 0, "not in the pattern", is all zeros)
;;   text  n 32-bit symbols
;;   pv, mv  blocks 64-bit words each, scratch
(module
  (memory (export "memory") 1)

  ;; The distance of the pattern (m > 0 code points, `blocks` = ceil(m / 64)) to the text of n symbols.
  (func (export "distance") (param $m i32) (param $blocks i32) (param $peq i32) (param $text i32) (param $n i32)
      (param $pv i32) (param $mv i32) (result i32)
    (local $j i32) (local $row i32) (local $b i32) (local $hin i32) (local $hout i32) (local $score i32)
    (local $last i32) (local $at i32)
    (local $eq i64) (local $pvb i64) (local $mvb i64) (local $xv i64) (local $xh i64) (local $ph i64) (local $mh i64)
    (local $high i64) (local $lastBit i64)
    (local.set $b (i32.const 0))
    (loop $init
      (i64.store (i32.add (local.get $pv) (i32.shl (local.get $b) (i32.const 3))) (i64.const -1))
      (i64.store (i32.add (local.get $mv) (i32.shl (local.get $b) (i32.const 3))) (i64.const 0))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $init (i32.lt_u (local.get $b) (local.get $blocks))))
    (local.set $lastBit
      (i64.shl (i64.const 1) (i64.extend_i32_u (i32.and (i32.sub (local.get $m) (i32.const 1)) (i32.const 63)))))
    (local.set $last (i32.sub (local.get $blocks) (i32.const 1)))
    (local.set $score (local.get $m))
    (block $textDone
      (loop $eachSymbol
        (br_if $textDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $row (i32.add (local.get $peq)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $text) (i32.shl (local.get $j) (i32.const 2))))
            (local.get $blocks)) (i32.const 3))))
        ;; global distance: D[0][j] = j, so the top row always rises by one
        (local.set $hin (i32.const 1))
        (local.set $b (i32.const 0))
        (loop $eachBlock
          (local.set $at (i32.shl (local.get $b) (i32.const 3)))
          (local.set $eq (i64.load (i32.add (local.get $row) (local.get $at))))
          (local.set $pvb (i64.load (i32.add (local.get $pv) (local.get $at))))
          (local.set $mvb (i64.load (i32.add (local.get $mv) (local.get $at))))
          (local.set $xv (i64.or (local.get $eq) (local.get $mvb)))
          (if (i32.lt_s (local.get $hin) (i32.const 0)) (then (local.set $eq (i64.or (local.get $eq) (i64.const 1)))))
          (local.set $xh
            (i64.or
              (i64.xor (i64.add (i64.and (local.get $eq) (local.get $pvb)) (local.get $pvb)) (local.get $pvb))
              (local.get $eq)))
          (local.set $ph
            (i64.or (local.get $mvb) (i64.xor (i64.or (local.get $xh) (local.get $pvb)) (i64.const -1))))
          (local.set $mh (i64.and (local.get $pvb) (local.get $xh)))
          (local.set $high
            (select (local.get $lastBit) (i64.const 0x8000000000000000) (i32.eq (local.get $b) (local.get $last))))
          (local.set $hout
            (select (i32.const 1)
              (select (i32.const -1) (i32.const 0) (i64.ne (i64.and (local.get $mh) (local.get $high)) (i64.const 0)))
              (i64.ne (i64.and (local.get $ph) (local.get $high)) (i64.const 0))))
          (local.set $ph (i64.or (i64.shl (local.get $ph) (i64.const 1))
            (i64.extend_i32_u (i32.gt_s (local.get $hin) (i32.const 0)))))
          (local.set $mh (i64.or (i64.shl (local.get $mh) (i64.const 1))
            (i64.extend_i32_u (i32.lt_s (local.get $hin) (i32.const 0)))))
          (i64.store (i32.add (local.get $pv) (local.get $at))
            (i64.or (local.get $mh) (i64.xor (i64.or (local.get $xv) (local.get $ph)) (i64.const -1))))
          (i64.store (i32.add (local.get $mv) (local.get $at)) (i64.and (local.get $ph) (local.get $xv)))
          (local.set $hin (local.get $hout))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br_if $eachBlock (i32.lt_u (local.get $b) (local.get $blocks))))
        (local.set $score (i32.add (local.get $score) (local.get $hin)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $eachSymbol)))
    (local.get $score)))
