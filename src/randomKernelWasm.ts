// randomKernel.wat compiled by tools/build_wasm.cjs (`make wasm`); edit the .wat, not this file.

/** The compiled bytes of randomKernel.wat, base64. */
export const RANDOM_KERNEL_WASM =
  "AGFzbQEAAAABBQFgAX8AAwIBAAUDAQABBxECBm1lbW9yeQIABGZpbGwAAAqZAQGWAQEHf0EAKAIAIQFBBCgCACECQQgoAgAhA0EMKAIAIQRBECEGQRAg" +
  "AEECdGohBwJAA0AgBiAHTw0BIAEgAmogBGohBSAEQQFqIQQgAiACQQl2cyEBIAMgA0EDdGohAiADQRV3IAVqIQMgBiAFNgIAIAZBBGohBgwACwtBACAB" +
  "NgIAQQQgAjYCAEEIIAM2AgBBDCAENgIACw==";
