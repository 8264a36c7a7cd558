import { Writable } from 'node:stream';
import type { JsonValue } from '@berth/sdk';
import type { PluginApi } from '@berth/host';

/** One log line a plugin wrote through `context.logger` (or its stdout/stderr), as the host received it. */
export interface CapturedLog {
  /** pino's numeric level (10 trace … 60 fatal). */
  readonly level: number;
  /** The level's name. */
  readonly levelName: string;
  /** The message. */
  readonly msg: string;
  /** Every field of the line (the plugin's own bindings included). */
  readonly fields: Readonly<Record<string, JsonValue>>;
}

/** One event a plugin emitted (`context.events.emit(name, payload)`), without the `<plugin>:` prefix. */
export interface CapturedEvent {
  /** The event name as the plugin gave it (`done`, not `hello:done`). */
  readonly name: string;
  /** The payload (a copy). */
  readonly payload: JsonValue | undefined;
}

const LEVELS: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** A pino destination that keeps the lines of one plugin (the host's own lines are dropped, or echoed when asked). */
export function logSink(plugin: string, into: CapturedLog[], echo: boolean): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        if (echo) process.stderr.write(`${line}\n`);
        let fields: Record<string, JsonValue>;
        try {
          fields = JSON.parse(line) as Record<string, JsonValue>;
        } catch {
          continue;
        }
        if (fields['plugin'] !== plugin) continue;
        const level = typeof fields['level'] === 'number' ? fields['level'] : 30;
        into.push({ level, levelName: LEVELS[level] ?? String(level), msg: typeof fields['msg'] === 'string' ? fields['msg'] : '', fields });
      }
      done();
    },
  });
}

/**
 * Records every `<plugin>:<event>` emitted on the host's bus. The bus has no wildcard subscription, so the tap wraps
 * this one bus instance's `emit` (the test's own host; nothing global is touched).
 */
export function tapEvents(api: PluginApi, plugin: string, into: CapturedEvent[], notify: () => void): void {
  const bus = api.events;
  const emit = bus.emit.bind(bus);
  const prefix = `${plugin}:`;
  bus.emit = (event: string, payload: unknown): void => {
    if (event.startsWith(prefix)) {
      into.push({ name: event.slice(prefix.length), payload: payload as JsonValue | undefined });
      notify();
    }
    emit(event, payload);
  };
}
