export * from './result.js';
export * from './validate.js';
export * from './load.js';
export { checkMainFile } from './main-file.js';
export type { MainFileCheck } from './main-file.js';
export { positionAt, jsonErrorPosition } from './json-position.js';
export type { TextPosition } from './json-position.js';
export * from './fix/index.js';
