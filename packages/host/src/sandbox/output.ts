import type { Readable } from 'node:stream';
import type { Logger } from '@berth/sdk';

/** The last lines of a stream, kept for crash reports. */
export class LineTail {
  readonly #max: number;
  readonly #lines: string[] = [];

  /** @param max - how many lines to keep */
  constructor(max = 20) {
    this.#max = max;
  }

  /** Adds a line. */
  push(line: string): void {
    this.#lines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (this.#lines.length > this.#max) this.#lines.shift();
  }

  /** The kept lines, oldest first. */
  lines(): string[] {
    return [...this.#lines];
  }
}

/**
 * Captures a plugin's stdout or stderr as log lines carrying its name (the plugin's logger already does), one
 * record per line; partial lines wait for their end (at most 64 KiB).
 */
export function captureLines(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = (parts.pop() ?? '').slice(-65_536);
    for (const line of parts) if (line.trim() !== '') onLine(line);
  });
  stream.on('end', () => {
    if (rest.trim() !== '') onLine(rest);
    rest = '';
  });
}

/**
 * Wires a child's stdout (info) and stderr (warn, and kept in `tail`) to the plugin's logger; past `limit`, lines
 * are dropped from the log (stderr still feeds the crash report's tail).
 */
export function captureOutput(stdout: Readable, stderr: Readable, logger: Logger, tail: LineTail, limit?: { take(): boolean }): void {
  const allowed = (): boolean => limit === undefined || limit.take();
  captureLines(stdout, (line) => {
    if (allowed()) logger.info({ stream: 'stdout' }, line);
  });
  captureLines(stderr, (line) => {
    tail.push(line);
    if (allowed()) logger.warn({ stream: 'stderr' }, line);
  });
}
