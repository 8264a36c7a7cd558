import fs from 'node:fs';
import path from 'node:path';
import type { JsonObject } from '@berth/sdk';
import type { LogLevelName, LogQuery, PluginLogLine } from '../control/types.js';

const LEVELS: Readonly<Record<number, LogLevelName>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const RANK: Readonly<Record<LogLevelName, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
/** Past this size a plugin's log file is moved to `<plugin>.jsonl.1` (one older file kept). */
const ROTATE_BYTES = 4 * 1024 * 1024;
/** Names a plugin's log file may have (a plugin name; anything else is never a path). */
const SAFE_NAME = /^[A-Za-z0-9@._-]{1,214}$/;

/** The log file of `plugin` under `dir`, or undefined when the name could not be a plugin's. */
export function pluginLogFile(dir: string, plugin: string): string | undefined {
  return SAFE_NAME.test(plugin) && plugin !== '.' && plugin !== '..' ? path.join(dir, `${plugin.replaceAll('/', '_')}.jsonl`) : undefined;
}

/** A pino JSON line as a {@link PluginLogLine}, or undefined when it is not a plugin's line. */
export function toPluginLogLine(text: string): PluginLogLine | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { level, time, plugin, msg, pid: _pid, hostname: _hostname, name: _name, ...rest } = parsed as Record<string, unknown>;
  if (typeof plugin !== 'string') return undefined;
  const fields = rest as JsonObject;
  return {
    time: new Date(typeof time === 'number' || typeof time === 'string' ? time : Date.now()).toISOString(),
    plugin,
    level: LEVELS[typeof level === 'number' ? level : 30] ?? 'info',
    msg: typeof msg === 'string' ? msg : '',
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

/** Reads the last lines of a plugin's log file (and its rotated predecessor), oldest first. */
export function readPluginLog(dir: string, plugin: string, query: LogQuery = {}): PluginLogLine[] {
  const file = pluginLogFile(dir, plugin);
  if (file === undefined) return [];
  const min = RANK[query.level ?? 'trace'];
  const lines: PluginLogLine[] = [];
  for (const name of [`${file}.1`, file]) {
    let text: string;
    try {
      text = fs.readFileSync(name, 'utf8');
    } catch {
      continue;
    }
    for (const raw of text.split('\n')) {
      const line = raw.trim() === '' ? undefined : toPluginLogLine(raw);
      if (line !== undefined && RANK[line.level] >= min) lines.push(line);
    }
  }
  return lines.slice(-(query.limit ?? 100));
}

/**
 * Each plugin's own log: every line written through a plugin's logger (its `context.logger`, its process's stdout
 * and stderr, its MCP server's stderr) is appended to `<dir>/<plugin>.jsonl` (0600, rotated at 4 MB) and handed to
 * the followers of that plugin. It is a pino destination: a logger writes JSON lines to {@link write}.
 */
export class PluginLogStore {
  /** The folder of the log files. */
  readonly dir: string;
  readonly #followers = new Map<string, Set<(line: PluginLogLine) => void>>();
  readonly #sizes = new Map<string, number>();
  #dirMade = false;

  /** @param dir - the folder of the log files (created on first write) */
  constructor(dir: string) {
    this.dir = dir;
  }

  /** Takes one pino JSON line; lines without a `plugin` are ignored. Never throws. */
  write(text: string): void {
    const line = toPluginLogLine(text);
    if (line === undefined) return;
    this.#append(line.plugin, text.endsWith('\n') ? text : `${text}\n`);
    for (const follower of this.#followers.get(line.plugin) ?? []) {
      try {
        follower(line);
      } catch {
        // a follower's failure is its own
      }
    }
  }

  /** The plugin's recent lines, oldest first. */
  read(plugin: string, query: LogQuery = {}): PluginLogLine[] {
    return readPluginLog(this.dir, plugin, query);
  }

  /** Be told of each new line of `plugin`; returns the unsubscribe function. */
  follow(plugin: string, listener: (line: PluginLogLine) => void): () => void {
    const set = this.#followers.get(plugin) ?? new Set();
    set.add(listener);
    this.#followers.set(plugin, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#followers.delete(plugin);
    };
  }

  #append(plugin: string, text: string): void {
    const file = pluginLogFile(this.dir, plugin);
    if (file === undefined) return;
    try {
      if (!this.#dirMade) fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.#dirMade = true;
      const size = this.#sizes.get(file) ?? sizeOf(file);
      if (size > ROTATE_BYTES) {
        fs.renameSync(file, `${file}.1`);
        this.#sizes.set(file, 0);
      }
      fs.appendFileSync(file, text, { mode: 0o600 });
      this.#sizes.set(file, (this.#sizes.get(file) ?? 0) + Buffer.byteLength(text));
    } catch {
      // a full or read-only disk must not stop the host; the line still reaches the host's log
    }
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
