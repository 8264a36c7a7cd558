import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { manifestTypesModule } from './manifest-types.js';
import { readRawManifest } from './read-manifest-json.js';

/** Where `berth types` writes by default: `src/manifest.ts` when the plugin has a `src/`, else `manifest.d.ts`. */
export function defaultTypesFile(dir: string): string {
  return existsSync(path.join(dir, 'src')) ? path.join(dir, 'src', 'manifest.ts') : path.join(dir, 'manifest.d.ts');
}

/** Writes the manifest types of the plugin in `dir` (only when they changed); returns the file and whether it changed. */
export async function writeManifestTypes(dir: string, out = defaultTypesFile(dir)): Promise<{ file: string; changed: boolean }> {
  const text = manifestTypesModule((await readRawManifest(dir)).value);
  const before = await readFile(out, 'utf8').catch(() => undefined);
  if (before === text) return { file: out, changed: false };
  await writeFileAtomic(out, text);
  return { file: out, changed: true };
}
