/** The roadmap reader's public API: markdown in, Roadmap out. */
export { readRoadmap, traceRoadmap, type ReadOptions, type RoadmapTrace } from './reader.js';
export { itemKey, normalizeText } from './keys.js';
export type { LineUse, LineUseKind } from './_draft.js';
export * from './model.js';
