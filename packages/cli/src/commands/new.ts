import path from 'node:path';
import type { Command } from 'commander';
import { SCAFFOLD_TYPES } from '../author/scaffold/scaffold-type.js';
import { reportFailure } from '../fail.js';

/** `berth new <name> --type tool|provider|mcp [--dir <folder>]`: a new plugin folder, built, tested and ready for `berth dev`. */
export function registerNew(program: Command): void {
  program
    .command('new')
    .description('create a plugin folder: plugin.json, typed TypeScript source, a sandboxed test, a build')
    .argument('<name>', 'the plugin name, e.g. hello or @acme/hello')
    .requiredOption('-t, --type <type>', `the plugin type: ${SCAFFOLD_TYPES.join(', ')}`)
    .option('-d, --dir <folder>', 'the folder to create (default: ./<name>)')
    .action(async (name: string, options: { type: string; dir?: string }) => {
      try {
        const { writeScaffold } = await import('../author/scaffold/write-scaffold.js');
        const dir = path.resolve(options.dir ?? name.replace(/^@[^/]+\//, ''));
        const result = await writeScaffold({ name, type: options.type, dir });
        const shown = path.relative(process.cwd(), result.dir) || '.';
        process.stdout.write(`created ${result.type} plugin '${name}' in ${shown}:\n${result.files.map((f) => `  ${f}`).join('\n')}\n`);
        if (result.missing.length > 0) process.stdout.write(`not linked from this Berth installation (run npm install in ${shown}): ${result.missing.join(', ')}\n`);
        process.stdout.write(`next:\n  cd ${shown} && npm test\n  berth dev ${shown}\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
}
