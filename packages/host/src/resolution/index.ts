export * from './types.js';
export * from './host-api.js';
export * from './resolve.js';
export { disposeOrder, loadLevels } from './levels.js';
