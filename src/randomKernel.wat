;; sfc32's step in a loop, as WebAssembly, for random.ts's fillUint32 (compiled into randomKernelWasm.ts by
;; `make wasm`). The same 32-bit arithmetic as random.ts's uint32(), so the outputs are the same numbers; V8 runs the
;; JavaScript loop at about 8 ns per output here, this one at under 1.
;;
;; Memory: the state a, b, c, d at bytes 0..15 (read on entry, written back on return), the outputs from byte 16.
(module
  (memory (export "memory") 1)

  ;; Writes the next n outputs at byte 16 on and advances the state.
  (func (export "fill") (param $n i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $p i32) (local $end i32)
    (local.set $a (i32.load (i32.const 0)))
    (local.set $b (i32.load (i32.const 4)))
    (local.set $c (i32.load (i32.const 8)))
    (local.set $d (i32.load (i32.const 12)))
    (local.set $p (i32.const 16))
    (local.set $end (i32.add (i32.const 16) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $d)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
        (local.set $b (i32.add (local.get $c) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $c (i32.add (i32.rotl (local.get $c) (i32.const 21)) (local.get $t)))
        (i32.store (local.get $p) (local.get $t))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $next)))
    (i32.store (i32.const 0) (local.get $a))
    (i32.store (i32.const 4) (local.get $b))
    (i32.store (i32.const 8) (local.get $c))
    (i32.store (i32.const 12) (local.get $d))))
