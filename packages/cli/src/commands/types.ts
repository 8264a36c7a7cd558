import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import writeFileAtomic from 'write-file-atomic';
import { formatManifestProblem } from '@berth/sdk';
import { validateManifest } from '@berth/host';
import { manifestTypesModule } from '../author/manifest-types.js';
import { readRawManifest } from '../author/read-manifest-json.js';
import { ExitCode } from '../exit-codes.js';

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

/**
 * `berth types [folder] [--out <file>]`: writes `interface Manifest` from the folder's `plugin.json`, so
 * `definePlugin<Manifest>` types the context by what the manifest declares. An invalid manifest writes nothing.
 */
export function registerTypes(program: Command): void {
  program
    .command('types')
    .description('write the TypeScript types of a plugin.json (for definePlugin<Manifest>)')
    .argument('[folder]', 'the plugin folder', '.')
    .option('-o, --out <file>', 'the file to write (default: src/manifest.ts, or manifest.d.ts without src/)')
    .action(async (folder: string, options: { out?: string }) => {
      const dir = path.resolve(folder);
      // The schema only: `main` may well not be built yet (the build runs this first).
      const raw = await readRawManifest(dir);
      const checked = validateManifest(raw.value, raw.file);
      if (!checked.ok) {
        process.stderr.write(`berth types: ${raw.file} is not valid, nothing written:\n${checked.problems.map((p) => `  ${formatManifestProblem(p)}`).join('\n')}\n`);
        process.exitCode = ExitCode.ERRORS;
        return;
      }
      const { file, changed } = await writeManifestTypes(dir, options.out !== undefined ? path.resolve(options.out) : undefined);
      process.stderr.write(`${changed ? 'wrote' : 'up to date:'} ${path.relative(process.cwd(), file) || file}\n`);
    });
}
