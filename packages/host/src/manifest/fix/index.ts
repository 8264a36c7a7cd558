export * from './manifest-fix.js';
export * from './fix-manifest.js';
