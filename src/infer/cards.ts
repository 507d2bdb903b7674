// What a model card says about a model's parent (docs/methods.md §2.3 says what the kit keeps of a card): the
// `base_model` and `base_model_relation` keys of its YAML front matter, a mergekit configuration (`models:` with
// `- model: <id>` items, `merge_method:`), and every model id it names, classified by the words just before it:
//
//   "This model is a fine-tuned version of [org/base](https://huggingface.co/org/base)"   finetuned_from org/base
//   "GGUF quants of https://huggingface.co/org/base"                                       quantized_from org/base
//   "A LoRA adapter for org/base"                                                          adapter_for    org/base
//
// Ids are returned as written; which of them are models of the snapshot is decided by a join (candidates.ts).
// NOTE: the Hub derives a model's `base_model:` tags from exactly the front matter's `base_model` key, so an
// evaluation that hides declared parents must hide that key too (`withoutDeclaredBaseModel`).
import type { Relation } from "../data/tags";

/** How a card names a model, strongest first. */
export type CardMentionKind =
  | "base_model"
  | "merge_config"
  | "finetuned_from"
  | "quantized_from"
  | "adapter_for"
  | "merge_of"
  | "link"
  | "mention";

/** The kinds in order, as stored in typed arrays (index = code): `CARD_MENTION_KINDS[0]` is "base_model". */
export const CARD_MENTION_KINDS: readonly CardMentionKind[] = [
  "base_model",
  "merge_config",
  "finetuned_from",
  "quantized_from",
  "adapter_for",
  "merge_of",
  "link",
  "mention",
];

/** How much each kind says that the named model is the parent (0..1): `CARD_MENTION_STRENGTH.link` is 0.6. */
export const CARD_MENTION_STRENGTH: Readonly<Record<CardMentionKind, number>> = {
  base_model: 1,
  merge_config: 0.9,
  finetuned_from: 0.9,
  quantized_from: 0.9,
  adapter_for: 0.9,
  merge_of: 0.8,
  link: 0.6,
  mention: 0.5,
};

/** The relation a kind of mention implies, if any: `CARD_MENTION_RELATION.quantized_from` is "quantized". */
export const CARD_MENTION_RELATION: Readonly<Record<CardMentionKind, Relation | null>> = {
  base_model: null,
  merge_config: "merge",
  finetuned_from: "finetune",
  quantized_from: "quantized",
  adapter_for: "adapter",
  merge_of: "merge",
  link: null,
  mention: null,
};

/** One model id a card names: `{ id: "org/base", kind: "finetuned_from" }`. */
export interface CardMention {
  id: string;
  kind: CardMentionKind;
}

/** What one card says: the ids it names (strongest kind per id, in order of appearance) and relation hints. */
export interface CardEvidence {
  mentions: CardMention[];
  /** `base_model_relation` of the front matter, when it is one of the four relations. */
  declaredRelation: Relation | null;
  /** A mergekit configuration (`merge_method:`), or `mergekit` / `merge` among the front matter's tags. */
  merge: boolean;
  /** `library_name: peft` in the front matter, or an adapter_config.json mentioned. */
  adapter: boolean;
  /** Quantization words in the front matter's tags or the card's first lines (gguf, gptq, awq, exl2, ...). */
  quantized: boolean;
}

/** Most ids read from one card. */
export const MAX_CARD_MENTIONS = 40;

const RELATIONS_SET = new Set<string>(["finetune", "quantized", "adapter", "merge"]);
/** An id as written in a card: org/name, optionally behind a Hub URL. */
const ID_PATTERN = /(?:https?:\/\/)?(?:huggingface\.co\/|hf\.co\/)?([A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95})/g;
/** Words before an id that say how the card relates it, checked in this order. */
const CONTEXT_RULES: readonly [RegExp, CardMentionKind][] = [
  [/\b(?:gguf|ggml|gptq|awq|exl2|exl3|quant\w*|mlx|imatrix|conver\w+|bits?)\b[^\n]{0,60}$/i, "quantized_from"],
  [/\b(?:lora|qlora|adapters?|peft)\b[^\n]{0,60}$/i, "adapter_for"],
  [/\b(?:merg\w*|slerp|ties|dare)\b[^\n]{0,60}$/i, "merge_of"],
  [
    /\b(?:fine-?tun\w*|trained|based on|continued|distill\w*|derived|built on|further)\b[^\n]{0,60}$/i,
    "finetuned_from",
  ],
];
/** Path segments that look like ids but are not models. */
const NOT_MODEL_PREFIX = /^(?:datasets|spaces|docs|blog|papers|collections|api|models|settings|github\.com|www)\//i;

/** Splits a card into its YAML front matter and body: `splitFrontMatter("---\na: 1\n---\nbody")`. */
export function splitFrontMatter(text: string): { yaml: string; body: string } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? { yaml: m[1], body: text.slice(m[0].length) } : { yaml: "", body: text };
}

/** The values of a YAML key, as a scalar or a list: `yamlValues("base_model:\n- a/b\n- c/d", "base_model")`. */
export function yamlValues(yaml: string, key: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`^${key}:[ \\t]*(.*)$`, "gm");
  for (let m = re.exec(yaml); m !== null; m = re.exec(yaml)) {
    const inline = unquote(m[1]);
    if (inline.startsWith("[")) {
      for (const item of inline.slice(1, inline.endsWith("]") ? -1 : undefined).split(","))
        if (unquote(item)) out.push(unquote(item));
    } else if (inline) out.push(inline);
    else {
      const rest = yaml.slice(m.index + m[0].length + 1).split("\n");
      for (const line of rest) {
        const item = /^[ \t]*-[ \t]+(.*)$/.exec(line);
        if (!item) break;
        out.push(unquote(item[1]));
      }
    }
  }
  return out.filter((v) => v.length > 0);
}

function unquote(s: string): string {
  return s
    .replace(/#.*$/, "")
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim();
}

/**
 * Removes the front matter's `base_model` and `base_model_relation` keys, the source of the declared tags, and
 * keeps the rest: `withoutDeclaredBaseModel("---\nbase_model: a/b\n---\nx")` is "---\n---\nx".
 */
export function withoutDeclaredBaseModel(text: string): string {
  const { yaml, body } = splitFrontMatter(text);
  if (!yaml) return text;
  const kept = yaml.replace(/^base_model[a-z_]*:[^\n]*(?:\n[ \t]*-[^\n]*)*\n?/gm, "").replace(/\n$/, "");
  return `---\n${kept}${kept ? "\n" : ""}---\n${body}`;
}

/** Reads a card's evidence about its parent: `readCardEvidence(card).mentions[0]`. */
export function readCardEvidence(text: string): CardEvidence {
  const { yaml, body } = splitFrontMatter(text);
  const kinds = new Map<string, CardMentionKind>();
  const add = (raw: string, kind: CardMentionKind) => {
    const id = cleanId(raw);
    if (id === null) return;
    const key = id.toLowerCase();
    const before = kinds.get(key);
    if (before === undefined) {
      if (kinds.size < MAX_CARD_MENTIONS) kinds.set(key, kind);
    } else if (CARD_MENTION_KINDS.indexOf(kind) < CARD_MENTION_KINDS.indexOf(before)) kinds.set(key, kind);
  };
  const spelled = new Map<string, string>();
  const note = (raw: string, kind: CardMentionKind) => {
    const id = cleanId(raw);
    if (id !== null && !spelled.has(id.toLowerCase())) spelled.set(id.toLowerCase(), id);
    add(raw, kind);
  };
  for (const id of yamlValues(yaml, "base_model")) note(id, "base_model");
  const relation = yamlValues(yaml, "base_model_relation")[0] ?? null;
  const tags = yamlValues(yaml, "tags").map((t) => t.toLowerCase());
  // mergekit: `- model: <id>` items and `model: <id>` keys anywhere (front matter or a code block), and the base
  // model of a merge configuration in the body.
  const mergeMethod = /^[ \t]*merge_method:/m.test(text);
  for (const m of text.matchAll(/^[ \t]*-?[ \t]*model:[ \t]*["']?([^\s"'#]+)/gm)) note(m[1], "merge_config");
  if (mergeMethod)
    for (const m of body.matchAll(/^[ \t]*base_model:[ \t]*["']?([^\s"'#]+)/gm)) note(m[1], "merge_config");
  for (const m of body.matchAll(ID_PATTERN)) {
    const start = m.index ?? 0;
    const context = body.slice(Math.max(0, start - 90), start);
    const link = /huggingface\.co\/|hf\.co\//.test(m[0]) || /\]\(\s*$/.test(context) || /\[\s*`?$/.test(context);
    let kind: CardMentionKind = link ? "link" : "mention";
    for (const [rule, k] of CONTEXT_RULES)
      if (rule.test(context)) {
        kind = k;
        break;
      }
    note(m[1], kind);
  }
  const head = body.slice(0, 600).toLowerCase();
  return {
    mentions: [...kinds].map(([key, kind]) => ({ id: spelled.get(key) ?? key, kind })),
    declaredRelation: relation !== null && RELATIONS_SET.has(relation) ? (relation as Relation) : null,
    merge: mergeMethod || tags.includes("mergekit") || tags.includes("merge"),
    adapter:
      /^library_name:[ \t]*["']?peft/m.test(yaml) ||
      tags.includes("lora") ||
      tags.includes("peft") ||
      /adapter_config\.json/.test(text),
    quantized:
      tags.some((t) => /^(?:gguf|gptq|awq|exl2|4-bit|8-bit|quantized|bitsandbytes)$/.test(t)) ||
      /\b(?:gguf|gptq|awq|exl2) (?:format|version|quant|model files)/.test(head),
  };
}

/** An id as written, trimmed of trailing punctuation and a branch or file path; null when it is no model id. */
function cleanId(raw: string): string | null {
  let id = raw.trim().replace(/[).,;:!?`'"\]]+$/, "");
  id = id.replace(/\/(?:tree|blob|resolve|raw)\/.*$/, "");
  const parts = id.split("/");
  if (parts.length < 2) return null;
  id = `${parts[0]}/${parts[1]}`.replace(/\.+$/, "");
  if (NOT_MODEL_PREFIX.test(id + "/") || NOT_MODEL_PREFIX.test(id)) return null;
  if (/\.(?:com|org|io|net|ai|md|json|py|txt|png|jpg|gif|safetensors|bin|gguf)$/i.test(parts[0])) return null;
  return id;
}
