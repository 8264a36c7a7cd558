/**
 * `@berth/host/catalog`: the plugins as resolved from the files, without a host (no plugin API, runner, MCP SDK,
 * Docker or logger), and the configuration store they are read with: what `berth plugins list` needs when no
 * server runs.
 * @packageDocumentation
 */
export { listFromFiles, type FileListing, type FileListOptions } from './list-from-files.js';
export { ConfigStore } from '../config/store.js';
export { hostRoots, readLockOrEmpty, type HostRootOptions } from '../lifecycle/host-roots.js';
