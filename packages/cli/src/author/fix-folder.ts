import { existsSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ManifestFix } from '@berth/host';
import { installedPackage } from './scaffold/installed-packages.js';
import { readRawManifest } from './read-manifest-json.js';

/** What `validate --fix` did to one folder. */
export interface FolderFix {
  /** The manifest file. */
  readonly file: string;
  /** The changes written (none: the file was left as it was). */
  readonly fixes: readonly ManifestFix[];
  /** Why nothing could be fixed (unreadable file, not JSON), when so. */
  readonly skipped?: string;
}

/**
 * The `$schema` a plugin folder should point at: the SDK in its own node_modules when it has one (a `berth new`
 * plugin), else this installation's copy, relative to the folder.
 */
export function schemaFor(dir: string): string | undefined {
  const local = path.join(dir, 'node_modules', '@berth', 'sdk', 'plugin.schema.json');
  if (existsSync(local)) return './node_modules/@berth/sdk/plugin.schema.json';
  const sdk = installedPackage('@berth/sdk');
  if (sdk === undefined) return undefined;
  const schema = path.join(sdk.dir, 'plugin.schema.json');
  const relative = path.relative(dir, schema).split(path.sep).join('/');
  // Relative within one tree (a plugin in a repository beside the SDK); absolute from anywhere else.
  if (relative.startsWith('../../../')) return schema;
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Fixes what has one right answer in `<dir>/plugin.json` and writes it atomically (only when something changed). */
export async function fixFolder(dir: string): Promise<FolderFix> {
  let raw;
  try {
    raw = await readRawManifest(dir);
  } catch (error) {
    return { file: path.join(dir, 'plugin.json'), fixes: [], skipped: error instanceof Error ? error.message : String(error) };
  }
  const { fixManifest } = await import('@berth/host');
  const fixes = fixManifest(raw.value, { file: raw.file, schema: schemaFor(path.resolve(dir)) });
  if (fixes.length > 0) await writeFileAtomic(raw.file, `${JSON.stringify(raw.value, null, raw.indent)}\n`);
  return { file: raw.file, fixes };
}
