/**
 * The Sandbox Manager core plugin: isolated sandboxes (Docker containers, or bubblewrap namespaces) where an agent
 * runs commands and moves files.
 * @packageDocumentation
 */
import { sandboxManagerPlugin } from './plugin.js';

export default sandboxManagerPlugin;
export { sandboxManagerPlugin, createSandboxManagerPlugin } from './plugin.js';
export type { SandboxManagerPlugin } from './plugin.js';
export { detectSandboxBackend, openBackend } from './backends/select.js';
export type { SandboxBackendReport } from './backends/select.js';
export type { BackendKind, SandboxBackend } from './backends/backend.js';
export { SandboxRuntime } from './runtime.js';
export { SandboxManager } from './manager.js';
export type { CreateRequest, SandboxRecord } from './manager.js';
export { sandboxTools } from './tools/index.js';
export { readSettings, DEFAULT_SETTINGS, PLUGIN_NAME } from './settings.js';
export type { SandboxSettings, SandboxTemplate, BackendChoice } from './settings.js';
export { Labels, ownerTag } from './labels.js';
export type { SandboxLimits } from './sandbox.js';
