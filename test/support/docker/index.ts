export * from './busybox-image.js';
export * from './skip-unless-docker.js';
export * from './local-registry.js';
export * from './tls-engine.js';
