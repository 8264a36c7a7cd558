import path from 'node:path';
import type { Command } from 'commander';
import { reportFailure } from '../fail.js';
import { printJson } from '../output.js';

/** `berth pack [folder] [--out <dir>] [--json]`: the plugin as a tarball, and its sha512 integrity. */
export function registerPack(program: Command): void {
  program
    .command('pack')
    .description('pack a built plugin folder into a .tgz (dependencies bundled) and print its sha512 integrity')
    .argument('[folder]', 'the plugin folder', '.')
    .option('-o, --out <dir>', 'where to write the tarball (default: the plugin folder)')
    .option('--json', 'print { file, integrity, name, version, files, bundled }')
    .action(async (folder: string, options: { out?: string; json?: boolean }) => {
      try {
        const { packPlugin } = await import('../author/pack/pack-plugin.js');
        const dir = path.resolve(folder);
        const packed = await packPlugin(dir, options.out !== undefined ? path.resolve(options.out) : dir);
        if (options.json === true) {
          printJson(packed);
          return;
        }
        const shown = path.relative(process.cwd(), packed.file) || packed.file;
        process.stdout.write(
          `packed ${packed.name} ${packed.version}: ${packed.files.length} files${packed.bundled.length > 0 ? `, bundled ${packed.bundled.join(', ')}` : ''}\n` +
            `${shown}\nintegrity ${packed.integrity}\ninstall with: berth plugins install ${shown}\n`,
        );
      } catch (error) {
        reportFailure(error);
      }
    });
}
