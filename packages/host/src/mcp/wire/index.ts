export * from './line-buffer.js';
export * from './message-check.js';
export * from './use-line-buffer.js';
