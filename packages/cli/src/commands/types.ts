import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';

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
      const { validateManifest } = await import('@berth/host');
      const { formatManifestProblem } = await import('@berth/sdk');
      const { writeManifestTypes } = await import('../author/manifest-types-file.js');
      const { readRawManifest } = await import('../author/read-manifest-json.js');
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
