import { chmod, copyFile, constants, link, readFile, rm, stat } from 'node:fs/promises';
import { ConfigCorruptError } from '@berth/sdk';
import type { z } from 'zod';
import { saveWithPrevious } from './atomic-save.js';
import { lineColumnAt, parseJsonText } from './json-text.js';
import { isCode } from './fs-errors.js';
import { shapeProblem } from './host-config-schema.js';

/** A file as read: its text (to notice later changes and own writes) and its parsed value. */
export interface ReadFile<T> {
  /** The exact text read, or `undefined` when the file does not exist. */
  readonly text: string | undefined;
  /** The parsed value, or `undefined` when the file does not exist. */
  readonly value: T | undefined;
}

/** Read `file`; throws {@link ConfigCorruptError} (line and column) when it is not valid JSON of `schema`'s shape. */
export async function readJsonFile<T>(file: string, schema: z.ZodType): Promise<ReadFile<T>> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  });
  if (text === undefined) return { text, value: undefined };
  return { text, value: parseConfigText<T>(file, text, schema) };
}

/** Parse a configuration file's text; throws {@link ConfigCorruptError} naming the file, line and column. */
export function parseConfigText<T>(file: string, text: string, schema: z.ZodType): T {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ConfigCorruptError({ file, line: parsed.line, column: parsed.column, reason: parsed.reason });
  const problem = shapeProblem(schema, parsed.value);
  if (problem !== undefined) {
    const { line, column } = locatePointer(text, problem.pointer);
    throw new ConfigCorruptError({ file, line, column, reason: problem.reason });
  }
  return parsed.value as T;
}

/** What {@link recoverCorrupt} did. */
export interface Recovery<T> {
  /** The value the host starts from (the last good version's, or `undefined` for the defaults). */
  readonly read: ReadFile<T>;
  /** The corrupt-file error, with where the file was kept and what the host started from. */
  readonly error: ConfigCorruptError;
}

/**
 * `file` is corrupt: keep it aside as `<file>.corrupt-<timestamp>` (never overwriting anything), then restore the last
 * good version (`<file>.prev`) into `file` if there is one, else start from the defaults (no file).
 */
export async function recoverCorrupt<T>(
  file: string,
  corrupt: ConfigCorruptError,
  schema: z.ZodType,
  mode?: number,
): Promise<Recovery<T>> {
  const movedTo = await moveAside(file, mode);
  const previous = `${file}.prev`;
  const last = await readJsonFile<T>(previous, schema).catch(() => undefined);
  const usable = last !== undefined && last.text !== undefined;
  if (usable) await saveWithPrevious(file, last.text ?? '', { exists: false, mode });
  const facts = corrupt.details as { line: number; column: number; reason: string };
  const error = new ConfigCorruptError({
    file,
    line: facts.line,
    column: facts.column,
    reason: facts.reason,
    ...(movedTo !== undefined ? { movedTo } : {}),
    recoveredFrom: usable ? `the last good version ${previous}` : 'the defaults',
  });
  return { read: usable ? last : { text: undefined, value: undefined }, error };
}

/** Move `file` to a fresh `<file>.corrupt-<timestamp>[-n]`; never overwrites. The new path, or undefined if gone. */
async function moveAside(file: string, mode: number | undefined): Promise<string | undefined> {
  const stamp = new Date().toISOString().replace(/[:.]/gu, '-');
  for (let n = 0; n < 100; n += 1) {
    const aside = `${file}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}`;
    try {
      await link(file, aside).catch(async (error: unknown) => {
        if (isCode(error, 'EEXIST') || isCode(error, 'ENOENT')) throw error;
        await copyFile(file, aside, constants.COPYFILE_EXCL);
      });
      if (mode !== undefined) await chmod(aside, mode);
      await rm(file, { force: true });
      return aside;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      if (!isCode(error, 'EEXIST')) throw error;
    }
  }
  throw new Error(`could not find a free name to keep the corrupt file ${file} aside`);
}

/** The mode bits of `file` beyond 0600 (group or others may read or write it), or 0 when none or absent. */
export async function looseModeBits(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  return info === undefined ? 0 : info.mode & 0o077;
}

/** Line and column of a JSON pointer's last key in `text` (best effort; 1:1 when not found). */
function locatePointer(text: string, pointer: string): { line: number; column: number } {
  const keys = pointer.split('/').filter((k) => k !== '' && !/^\d+$/u.test(k));
  let from = 0;
  let found = -1;
  for (const key of keys) {
    const at = text.indexOf(JSON.stringify(key), from);
    if (at < 0) break;
    found = at;
    from = at + 1;
  }
  return found < 0 ? { line: 1, column: 1 } : lineColumnAt(text, found);
}
