export * from './catalogue.js';
export * from './entry.js';
