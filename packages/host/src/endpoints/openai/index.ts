/** The OpenAI-compatible endpoint of `berth serve`: `/v1/models`, `/v1/chat/completions`, `/v1/embeddings`. */
export * from './provider-source.js';
export * from './static-provider-source.js';
export * from './routes.js';
export * from './openai-error.js';
export * from './model-aliases.js';
export * from './registry-source.js';
