// mutationKernel.wat compiled by tools/build_wasm.cjs (`make wasm`); edit the .wat, not this file.

/** The compiled bytes of mutationKernel.wat, base64. */
export const MUTATION_KERNEL_WASM =
  "AGFzbQEAAAABFQJgBX9/f398AXxgB39/f39/f38BfAMDAgABBQMBAAEHIAMGbWVtb3J5AgAKcG9wdWxhdGlvbgAABmZhbWlseQABCt4BAl0CAn8BfAJA" +
  "A0AgBSAATw0BIAEgBUECdGooAgC4RAAAAAAAAPA9oiAEopyrIQYgByACIAVBAnRqKAIAIAMgBkECdGooAgBBA3RqKwMAoCEHIAVBAWohBQwACwsgBwt+" +
  "AgN/AXwCQANAIAcgAE8NASAHQQJ0IQggASAIaigCALhEAAAAAAAA8D2iIAUgCGooAgC3opyrIQkgCSAJIAYgCGooAgBOaiEJIAogAiAIaigCACADIAQg" +
  "CGooAgAgCWpBAnRqKAIAQQN0aisDAKAhCiAHQQFqIQcMAAsLIAoL";
