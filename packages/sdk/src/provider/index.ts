/** The LLM provider contract: what a provider plugin implements and what the host calls. */
export * from './messages.js';
export * from './chat.js';
export * from './stream.js';
export * from './models.js';
export * from './embed.js';
export * from './provider.js';
export * from './collect-stream.js';
export * from './openai-wire/index.js';
