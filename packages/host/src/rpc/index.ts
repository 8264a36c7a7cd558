/** The host ⇄ plugin channel: framing, safe parsing, the JSON-RPC connection, protocol names, errors on the wire. */
export * from './safe-json.js';
export * from './framing.js';
export * from './cancel-token.js';
export * from './connection.js';
export * from './channel.js';
export * from './protocol.js';
export * from './wire-error.js';
