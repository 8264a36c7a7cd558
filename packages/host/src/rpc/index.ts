/** The host ⇄ plugin channel: framing, safe parsing, protocol names, errors on the wire. */
export * from './safe-json.js';
export * from './framing.js';
export * from './channel.js';
export * from './protocol.js';
export * from './wire-error.js';
