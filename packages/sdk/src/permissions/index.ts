export * from './catalogue.js';
export * from './entry.js';
export * from './network-scope.js';
