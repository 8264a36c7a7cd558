/** Model management through Model Runner's own API, for `berth models list|pull|rm`. */
export { listLocalModels, removeModel } from './local-models.js';
export type { LocalModel } from './local-models.js';
export { pullModel } from './pull-model.js';
export type { PullProgress } from './pull-model.js';
export { renderProgressLine, formatBytes } from './progress-line.js';
export { findModelRunner } from '../discovery/find-model-runner.js';
export { modelRunnerCandidates, normaliseBaseUrl } from '../discovery/candidates.js';
export type { DiscoveryOptions } from '../discovery/candidates.js';
export type { ModelRunnerConnection } from '../discovery/connection.js';
export type { ModelRunnerCandidate, ModelRunnerLocation, ModelRunnerSource } from '../discovery/location.js';
