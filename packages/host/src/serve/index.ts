export * from './berth-server.js';
export * from './serve-token.js';
