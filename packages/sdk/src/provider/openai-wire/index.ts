/** The OpenAI chat-completions wire format and its mapping to and from the provider contract, both directions. */
export * from './wire-types.js';
export * from './usage.js';
export * from './finish-reason.js';
export * from './request-to-wire.js';
export * from './request-from-wire.js';
export * from './response-from-wire.js';
export * from './response-to-wire.js';
export * from './chunk-from-wire.js';
export * from './chunk-to-wire.js';
export * from './embeddings.js';
