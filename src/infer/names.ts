// Model names reduced to what a derivative copies (docs/methods.md §3.1 gives the declared lineage this infers beside).
// A quantization or conversion is usually named after its source with a format suffix, and a fine-tune or adapter
// often carries its base model's name:
//
//   TheBloke/Llama-2-7B-Chat-GGUF            normalized "llama-2-7b-chat-gguf"   core "llama-2-7b-chat"
//   meta-llama/Llama-2-7b-chat-hf            normalized "llama-2-7b-chat-hf"     core "llama-2-7b-chat"
//   mlx-community/Qwen3-8B-4bit-DWQ          normalized "qwen3-8b-4bit-dwq"      core "qwen3-8b"
//
// normalized = the name after the organisation, lowercased, every run of characters other than letters and digits
// made one "-"; core = normalized without its trailing format and quantization tokens (FORMAT_SUFFIX_PATTERN). Both
// are polars expressions, so the whole snapshot is normalised in one pass; the patterns use the regex syntax that
// JavaScript and polars (Rust) share.
import pl from "nodejs-polars";

/** Quantization formats, each a name token, a tag and (gguf) a library: `QUANTIZATION_FORMATS.includes("awq")`. */
export const QUANTIZATION_FORMATS = ["gguf", "ggml", "gptq", "awq", "exl2", "exl3"] as const;

/** Trailing name tokens that mark a format, precision or quantization, not a different model (regex fragments). */
export const FORMAT_TOKEN_PATTERNS: readonly string[] = [
  ...QUANTIZATION_FORMATS,
  "mlx",
  "onnx",
  "openvino",
  "ov",
  "hqq",
  "bnb",
  "nf4",
  "fp4",
  "nvfp4",
  "mxfp4",
  "fp8",
  "fp16",
  "bf16",
  "fp32",
  "f16",
  "f32",
  "int[2348]",
  "w[48]a(?:8|16)",
  "e4m3",
  "dwq",
  "quant",
  "quants",
  "quantized",
  "quantised",
  "imatrix",
  "imat",
  "i1",
  "hf",
  "autoround",
  "sym",
  "asym",
  "g[0-9]+",
  "safetensors",
  "[0-9]+bits?",
  "[0-9]+-bits?",
  "[0-9]+(?:-[0-9]+)?bpw",
  "h[0-9]",
  "q[0-9](?:-k)?(?:-(?:[msl]|xs|xxs|[01]))?",
  "iq[0-9](?:-(?:xxs|xs|s|m|l|nl))?",
  "k-[msl]",
];

/** Regex of the format suffix a core drops: one or more FORMAT_TOKEN_PATTERNS tokens at the end of a name. */
export const FORMAT_SUFFIX_PATTERN = `(?:-(?:${FORMAT_TOKEN_PATTERNS.join("|")}))+$`;

/** Name tokens that mark a quantized copy anywhere in a name (regex fragments over normalized names). */
export const QUANTIZED_NAME_PATTERNS: readonly string[] = [
  ...QUANTIZATION_FORMATS,
  "mlx",
  "hqq",
  "bnb",
  "nf4",
  "fp4",
  "nvfp4",
  "mxfp4",
  "fp8",
  "int[2348]",
  "w[48]a(?:8|16)",
  "dwq",
  "quant",
  "quants",
  "quantized",
  "quantised",
  "imatrix",
  "[0-9]+bits?",
  "[0-9]+-bits?",
  "[0-9]+(?:-[0-9]+)?bpw",
  "q[0-9]-k(?:-[msl])?",
  "q[0-9]-[01]",
  "iq[0-9](?:-(?:xxs|xs|s|m|l|nl))?",
];

/** Name tokens of an adapter. */
export const ADAPTER_NAME_PATTERNS: readonly string[] = ["lora", "qlora", "dora", "adapter", "adapters", "peft"];

/** Name tokens of a merge ("merged" usually means an adapter merged back into its base, so it is not one). */
export const MERGE_NAME_PATTERNS: readonly string[] = [
  "merge",
  "slerp",
  "ties",
  "dare",
  "della",
  "passthrough",
  "mergekit",
  "frankenmerge",
];

/** A regex that holds when a normalized name has one of the tokens: `tokenPattern(["gguf"])`. */
export function tokenPattern(tokens: readonly string[]): string {
  return `(?:^|-)(?:${tokens.join("|")})(?:-|$)`;
}

/** The normalized name of a model id: `normalizedNameExpr(pl.col("id"))` gives "llama-2-7b-chat-gguf". */
export function normalizedNameExpr(id: pl.Expr): pl.Expr {
  return id.str
    .toLowerCase()
    .str.replaceAll("^[^/]*/", "")
    .str.replaceAll("[^\\p{L}\\p{N}]+", "-")
    .str.replaceAll("^-+|-+$", "");
}

/**
 * The core of a model name, the normalized name without its format suffix (the whole normalized name when nothing
 * else would be left): `coreNameExpr(pl.col("id"))` gives "llama-2-7b-chat" for TheBloke/Llama-2-7B-Chat-GGUF.
 */
export function coreNameExpr(id: pl.Expr): pl.Expr {
  const normalized = normalizedNameExpr(id);
  const stripped = normalized.str.replaceAll(FORMAT_SUFFIX_PATTERN, "");
  return pl.when(stripped.str.lengths().gt(0)).then(stripped).otherwise(normalized);
}

/** Cores of a few model ids (through the same polars expression): `coreNames(["org/X-GGUF"])` is ["x"]. */
export function coreNames(ids: readonly string[]): string[] {
  const frame = pl.DataFrame({ id: pl.Series("id", [...ids], pl.Utf8) });
  return frame
    .select(coreNameExpr(pl.col("id")).alias("core"))
    .getColumn("core")
    .toArray() as string[];
}

/** The tokens of a core or normalized name: `nameTokens("llama-2-7b-chat")` is ["llama", "2", "7b", "chat"]. */
export function nameTokens(name: string): string[] {
  return name.split("-").filter((t) => t.length > 0);
}

/**
 * Where the tokens of `inner` occur as a contiguous run inside `outer`, or -1: `tokenRunAt(["a", "b", "c"], ["b",
 * "c"])` is 1.
 */
export function tokenRunAt(outer: readonly string[], inner: readonly string[]): number {
  if (inner.length === 0 || inner.length > outer.length) return -1;
  scan: for (let i = 0; i + inner.length <= outer.length; i++) {
    for (let j = 0; j < inner.length; j++) if (outer[i + j] !== inner[j]) continue scan;
    return i;
  }
  return -1;
}

/** Number of leading tokens two names share: `sharedPrefixTokens(["a", "b", "x"], ["a", "b", "y"])` is 2. */
export function sharedPrefixTokens(a: readonly string[], b: readonly string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}
