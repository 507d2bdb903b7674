// Deterministic filler text for the synthetic model cards: a small dictionary of card heads (first 512
// characters) and of short complete cards, in three kinds: a bespoke card, the Trainer's auto-generated
// card ("generated automatically") and the Hub's default template ("automatically generated", which
// cites arXiv 1910.09700). It is filler, not real card text; only its length and the auto-generated
// phrases matter to the analyses (docs/methods.md §2.3, §4.1: cards are cut to 512 characters).
import type { Rng } from "../random";

/** Card kinds: 0 none, 1 bespoke, 2 Trainer auto-generated, 3 Hub default template (auto-generated). */
export const CARD_KIND = { none: 0, bespoke: 1, trainer: 2, template: 3 } as const;

/** Characters kept of every card (docs/methods.md §4.1). */
export const HEAD_CHARS = 512;

/** Lengths of short cards (whole card shorter than HEAD_CHARS), in characters. */
export const STUB_LENGTHS: readonly number[] = Array.from({ length: 14 }, (_, k) => 64 + 32 * k);

/** Variants per kind (bespoke variants let families share wording). */
export const VARIANTS = { bespoke: 64, trainer: 8, template: 8 };

/** The head dictionary: entry key = variant slot * (1 + STUB_LENGTHS.length) + (0 for a full head, else 1 + stub). */
export interface CardHeads {
  texts: string[];
  chars: Int32Array;
  words: Int32Array;
  /** First variant slot of each kind (bespoke, trainer, template). */
  firstSlot: { bespoke: number; trainer: number; template: number };
  /** Shortest stub index (into STUB_LENGTHS) that still holds the auto-generated phrase, per slot. */
  minStub: Int32Array;
}

const VOCAB = (
  "model data training evaluation dataset results accuracy loss tokens language task benchmark fine-tuned base " +
  "version parameters learning rate batch epochs optimizer adam weights checkpoint inference prompt text image " +
  "audio speech classification generation embedding context length license usage limitations bias risks " +
  "recommendations hardware compute carbon emissions citation authors contact community release notes quantized " +
  "adapter lora merge instruct chat safety alignment preference reward multilingual english evaluation metrics"
).split(" ");

const AUTO_PHRASES = ["generated automatically", "automatically generated"];

function sentence(rng: Rng): string {
  const words = Array.from({ length: 8 + rng.int(9) }, () => VOCAB[rng.int(VOCAB.length)]);
  return words[0][0].toUpperCase() + words.join(" ").slice(1) + ".";
}

function paragraph(rng: Rng, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(" ");
}

function bespokeText(rng: Rng): string {
  const title = Array.from({ length: 3 }, () => VOCAB[rng.int(VOCAB.length)]).join("-");
  return [
    "---",
    "tags:",
    `- ${VOCAB[rng.int(VOCAB.length)]}`,
    "---",
    "",
    `# ${title}`,
    "",
    paragraph(rng, 3),
    "",
    "## Model description",
    "",
    paragraph(rng, 4),
    "",
    "## Intended uses & limitations",
    "",
    paragraph(rng, 4),
    "",
    "## Training data",
    "",
    paragraph(rng, 4),
  ].join("\n");
}

function trainerText(rng: Rng): string {
  const loss = (0.1 + rng() * 2).toFixed(4);
  return [
    "---",
    "tags:",
    "- generated_from_trainer",
    "model-index:",
    "- name: model",
    "  results: []",
    "---",
    "",
    "<!-- This model card has been generated automatically according to the information the Trainer had access to. You",
    "should probably proofread and complete it, then remove this comment. -->",
    "",
    "# model",
    "",
    "This model is a fine-tuned version of the base model on an unknown dataset.",
    "It achieves the following results on the evaluation set:",
    `- Loss: ${loss}`,
    "",
    "## Model description",
    "",
    "More information needed",
    "",
    "## Intended uses & limitations",
    "",
    "More information needed",
    "",
    "## Training and evaluation data",
    "",
    "More information needed",
    "",
    "## Training procedure",
    "",
    "### Training hyperparameters",
    "",
    `- learning_rate: ${1 + rng.int(9)}e-05`,
    `- train_batch_size: ${8 << rng.int(3)}`,
    `- seed: ${rng.int(100)}`,
    "- optimizer: Adam with betas=(0.9,0.999) and epsilon=1e-08",
    `- num_epochs: ${1 + rng.int(5)}`,
  ].join("\n");
}

function templateText(rng: Rng): string {
  const library = ["transformers", "peft", "diffusers"][rng.int(3)];
  return [
    "---",
    `library_name: ${library}`,
    "tags: []",
    "---",
    "",
    "# Model Card for Model ID",
    "",
    "<!-- Provide a quick summary of what the model is/does. -->",
    "",
    "",
    "",
    "## Model Details",
    "",
    "### Model Description",
    "",
    "<!-- Provide a longer summary of what this model is. -->",
    "",
    `This is the model card of a ${library} model that has been pushed on the Hub. This model card has been automatically generated.`,
    "",
    "- **Developed by:** [More Information Needed]",
    "- **Funded by [optional]:** [More Information Needed]",
    "- **Shared by [optional]:** [More Information Needed]",
    "- **Model type:** [More Information Needed]",
    "- **Language(s) (NLP):** [More Information Needed]",
    "- **License:** [More Information Needed]",
    "",
    "## Environmental Impact",
    "",
    "Carbon emissions can be estimated using the calculator in arXiv:1910.09700.",
  ].join("\n");
}

function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** Builds the head dictionary (a few hundred short strings): `buildCardHeads(rng.fork("card-text"))`. */
export function buildCardHeads(rng: Rng): CardHeads {
  const makers = [
    ...Array.from({ length: VARIANTS.bespoke }, () => bespokeText),
    ...Array.from({ length: VARIANTS.trainer }, () => trainerText),
    ...Array.from({ length: VARIANTS.template }, () => templateText),
  ];
  const perSlot = 1 + STUB_LENGTHS.length;
  const texts: string[] = [];
  const minStub = new Int32Array(makers.length);
  makers.forEach((make, slot) => {
    let text = make(rng);
    while (text.length < HEAD_CHARS + 64) text += "\n\n" + paragraph(rng, 4);
    texts.push(text.slice(0, HEAD_CHARS));
    for (const len of STUB_LENGTHS) texts.push(text.slice(0, len));
    const phraseEnd = Math.max(...AUTO_PHRASES.map((p) => (text.includes(p) ? text.indexOf(p) + p.length : 0)));
    minStub[slot] = STUB_LENGTHS.findIndex((len) => len >= phraseEnd);
    if (slot * perSlot + perSlot !== texts.length) throw new Error("synthetic/card-text: dictionary misaligned");
  });
  return {
    texts,
    chars: Int32Array.from(texts, (t) => t.length),
    words: Int32Array.from(texts, countWords),
    firstSlot: { bespoke: 0, trainer: VARIANTS.bespoke, template: VARIANTS.bespoke + VARIANTS.trainer },
    minStub,
  };
}

/** Dictionary key of a slot's full head, or of its stub `stub` (index into STUB_LENGTHS). */
export function headKey(slot: number, stub = -1): number {
  return slot * (1 + STUB_LENGTHS.length) + (stub < 0 ? 0 : 1 + stub);
}
