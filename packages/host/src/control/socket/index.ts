export { ControlServer, type ControlServerOptions } from './control-server.js';
export { ControlClient } from './control-client.js';
export { checkPrivateDir, controlSocketDir, controlSocketPath, ensurePrivateDir } from './socket-path.js';
export { probeSocket, type SocketProbe } from './probe.js';
export * from './protocol.js';
