import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonValue } from '@berth/sdk';

/** A `plugin.json` as written (before the schema's defaults and aliases), and how its text was laid out. */
export interface RawManifest {
  /** The file. */
  readonly file: string;
  /** The parsed object. */
  readonly value: Record<string, JsonValue>;
  /** The indentation the file uses (two spaces when it cannot tell). */
  readonly indent: string;
}

/** Reads `<dir>/plugin.json` as raw JSON; throws the parse error when it is not an object of JSON. */
export async function readRawManifest(dir: string): Promise<RawManifest> {
  const file = path.join(dir, 'plugin.json');
  let text = await readFile(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${file} is not a JSON object`);
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return { file, value: value as Record<string, JsonValue>, indent };
}
