export * from './manifest-shape.js';
export * from './typed-context.js';
