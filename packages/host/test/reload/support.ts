import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The reload fixtures folder. */
export const reloadFixtures = path.join(import.meta.dirname, '..', 'fixtures', 'reload');

/** A temporary plugin root holding copies of the named fixture plugins. */
export async function pluginRoot(...plugins: string[]): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-reload-'));
  for (const plugin of plugins) await cp(path.join(reloadFixtures, plugin), path.join(dir, plugin), { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Rewrites a copied plugin: its answer in `index.js`, and fields of `plugin.json`. */
export async function rewrite(pluginDir: string, change: { readonly answer?: string; readonly code?: string; readonly manifest?: Record<string, unknown> }): Promise<void> {
  if (change.manifest !== undefined) {
    const file = path.join(pluginDir, 'plugin.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...manifest, ...change.manifest }, null, 2));
  }
  if (change.answer !== undefined || change.code !== undefined) {
    const file = path.join(pluginDir, 'index.js');
    let code = await readFile(file, 'utf8');
    if (change.answer !== undefined) code = code.replace(/const ANSWER = '[^']*';/, `const ANSWER = '${change.answer}';`);
    if (change.code !== undefined) code = change.code;
    await writeFile(file, code);
  }
}

/** Polls `probe` until `ok` (or the time is up); returns the last value. */
export async function eventually<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One answered call of a {@link CallLoop}. */
export interface Answer {
  /** When the call was made (ms, `performance.now()`). */
  readonly startedAt: number;
  /** When it answered. */
  readonly answeredAt: number;
  /** The text answered, or the error message. */
  readonly text: string;
  /** Whether it failed. */
  readonly failed: boolean;
}

/** Calls `call` without pause in `lanes` parallel loops until stopped; records every answer. */
export function callLoop(call: () => Promise<string>, lanes = 4): { answers: Answer[]; stop: () => Promise<void> } {
  const answers: Answer[] = [];
  let running = true;
  const lane = async (): Promise<void> => {
    while (running) {
      // Yield to timers and I/O between calls, so a call that fails at once cannot starve the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      const startedAt = performance.now();
      try {
        const text = await call();
        answers.push({ startedAt, answeredAt: performance.now(), text, failed: false });
      } catch (error) {
        answers.push({ startedAt, answeredAt: performance.now(), text: error instanceof Error ? error.message : String(error), failed: true });
      }
    }
  };
  const all = Promise.all(Array.from({ length: lanes }, lane));
  return {
    answers,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

/**
 * The answers are `first` then `second` with no interleaving after the switch: every call made after the first
 * `second` answer arrived answers `second`. Returns the calls that broke it.
 */
export function interleavedAfterSwitch(answers: readonly Answer[], second: string): Answer[] {
  const firstSecond = Math.min(...answers.filter((a) => a.text === second).map((a) => a.answeredAt));
  return answers.filter((a) => a.startedAt > firstSecond && a.text !== second);
}
