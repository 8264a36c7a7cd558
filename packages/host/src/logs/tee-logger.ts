import pino, { type Logger } from 'pino';
import type { PluginLogStore } from './plugin-log-store.js';

/**
 * A logger writing each line both where `host` writes (at `host`'s level) and to the plugins' log store (from
 * `debug` up): the logger plugins' contexts are given, so `berth logs <plugin>` has their lines without the host's
 * own log being any louder.
 */
export function teeLogger(host: Logger, store: PluginLogStore): Logger {
  const hostStream = Reflect.get(host, pino.symbols.streamSym) as pino.DestinationStream | undefined;
  const streams: pino.StreamEntry[] = [{ level: 'debug', stream: store }];
  if (hostStream !== undefined && Number.isFinite(host.levelVal)) streams.push({ level: host.levelVal as unknown as pino.Level, stream: hostStream });
  const level = Number.isFinite(host.levelVal) && host.levelVal < 20 ? host.level : 'debug';
  return pino({ level, base: host.bindings() }, pino.multistream(streams));
}
