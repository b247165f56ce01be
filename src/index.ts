/** mtgate as a library: the pipeline's stages, for tools that embed it. */
export { loadSuite, loadSuiteText } from './suite/load.js';
export type { Suite, Variant, Dataset, GateRule, Measures } from './suite/types.js';
export { makePlan, type Plan, type PlannedVariant } from './plan/plan.js';
export type { Engine, LoadedModel, DecoderRun } from './engines/engine.js';
export { engineByName, ENGINE_NAMES } from './engines/registry.js';
export { greedyDecode, type GreedySettings, type GreedyResult } from './decoding/greedy.js';
export { Translator, type Translation } from './decoding/translator.js';
export { runSuite, MTGATE_VERSION, type RunOptions, type ProgressEvent } from './run.js';
export { RECORD_SCHEMA, type RunRecord, type Cell } from './results/record.js';
export { evaluateGates, type GateResult, type GateCheck } from './gates/evaluate.js';
export type { Verdict, WaiverInfo, Significance } from './gates/types.js';
export { regate, resolveBaseline } from './gates/regate.js';
export { loadStoredRun, type StoredRun } from './results/baseline.js';
export { appendHistory, readHistory, type HistoryEntry } from './results/history.js';
export { mergeRuns } from './results/merge.js';
export { renderMarkdown } from './reports/markdown.js';
export { UsageError } from './errors.js';
