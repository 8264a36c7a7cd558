export * from './http-endpoint.js';
export * from './guards.js';
export * from './web-request.js';
