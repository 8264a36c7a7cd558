export * from './busybox-image.js';
export * from './skip-unless-docker.js';
