export * from './types.js';
export * from './roots.js';
export * from './discover.js';
export { applyPrecedence, type PrecedenceOutcome } from './precedence.js';
export { brokenByName } from './unavailable.js';
export { discoverPlugins } from './discover-plugins.js';
