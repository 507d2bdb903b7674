// The drift simulator (docs/methods.md §4.3): grows an ecosystem by preferential attachment, with traits inherited per
// relation or mutated along a hidden ordering with bias q, and writes it as the canonical snapshot table, so every
// notebook runs on it (DATASET=simulated). This file only re-exports what a researcher calls.
export {
  SIM_TRAITS,
  checkSimulatorParams,
  hiddenOrdering,
  moveProbability,
  type SimTrait,
  type SimTraitParams,
  type SimulatorParams,
} from "./params";
export { paperSimulatorParams, PAPER_ATTACHMENT, type PaperSimulatorOptions } from "./paperParams";
export { growEcosystem, type SimulatedEcosystem, type SimulatedTrait } from "./grow";
export { ecosystemTable, ecosystemIds, simulateSnapshot, type SimulatedSnapshot } from "./table";
