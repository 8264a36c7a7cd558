export * from './berth-error.js';
export * from './codes.js';
export * from './permission.js';
export * from './provider.js';
export * from './manifest.js';
