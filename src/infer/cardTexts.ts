// Which card texts the card signal can read for a dataset: whole cards where the dataset folder has them (the sample),
// else the canonical table's first 512 characters (`card_head`, docs/methods.md §2.3), else none (smollm2, radar).
import type pl from "nodejs-polars";
import { readCardTexts } from "../data/listing";
import { listingFiles } from "../datasets";
import type { Settings } from "../settings";
import type { CardSource } from "./infer";

/** The card texts inference can read, where they come from, and one line saying so. */
export interface AvailableCards {
  /** Whole card texts by model id, or null (then inference reads `card_head` when the table has any). */
  cards: Map<string, string> | null;
  source: CardSource;
  note: string;
}

/**
 * The cards of a run's dataset: `const { cards, note } = availableCards(run.settings, models); console.log(note)`.
 */
export function availableCards(settings: Settings, table: pl.DataFrame): AvailableCards {
  const file = settings.hfData !== null ? listingFiles(settings).cards : null;
  if (file !== null) {
    const cards = readCardTexts(file);
    return {
      cards,
      source: "full text",
      note: `card signal: whole texts of ${cards.size} cards (${settings.dataset})`,
    };
  }
  const heads = table.columns.includes("card_head") ? table.getColumn("card_head").nullCount() : table.height;
  if (heads < table.height)
    return {
      cards: null,
      source: "first 512 characters",
      note: `card signal: only the first 512 characters of ${table.height - heads} cards (${settings.dataset} keeps no whole cards)`,
    };
  return {
    cards: null,
    source: "none",
    note: `card signal: not available, ${settings.dataset} has no model cards; inference runs on the other signals`,
  };
}
