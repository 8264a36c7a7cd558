import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { startWatchScript } from '../author/dev-watch.js';
import type { GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';

/** Options of `berth dev`. */
export interface DevOptions {
  /** Serve MCP over stdio instead of HTTP. */
  readonly stdio?: boolean;
  /** The HTTP port. */
  readonly port?: string;
  /** The HTTP address. */
  readonly host?: string;
}

/**
 * `berth dev <plugin-folder>`: `berth serve --watch` with that folder as one more plugin root (a temporary root
 * holding a link to it), so every save hot-reloads it; a broken manifest or code is reported and the plugin comes up
 * once fixed. When the folder's package.json has a `watch` script (a `berth new` plugin: `tsc --watch`), it runs
 * beside the server, so a save of the source rebuilds and then reloads.
 */
export function registerDev(program: Command, globals: () => GlobalOptions): void {
  program
    .command('dev')
    .description('serve with a plugin folder you are developing: watched, and hot-reloaded on every save')
    .argument('<plugin-folder>', 'the plugin folder (holding plugin.json)')
    .option('--stdio', 'serve MCP over stdio (for clients that spawn berth)')
    .option('-p, --port <port>', 'HTTP port (default 7331, or serve.port in the configuration)')
    .option('--host <address>', 'HTTP address (default 127.0.0.1)')
    .action(async (folder: string, options: DevOptions) => {
      const serve = program.commands.find((command) => command.name() === 'serve');
      if (serve === undefined) {
        process.stderr.write('berth dev: the serve command is missing\n');
        process.exitCode = ExitCode.HOST_FAILED;
        return;
      }
      const dir = path.resolve(folder);
      const root = await mkdtemp(path.join(os.tmpdir(), 'berth-dev-'));
      const watch = startWatchScript(dir);
      try {
        await symlink(dir, path.join(root, path.basename(dir)), 'dir');
        program.setOptionValue('pluginsDir', [...(globals().pluginsDir ?? []), root]);
        process.stderr.write(`berth dev: serving ${dir} and watching it; a save reloads it\n`);
        const args = [
          '--watch',
          ...(options.stdio === true ? ['--stdio'] : []),
          ...(options.port !== undefined ? ['--port', options.port] : []),
          ...(options.host !== undefined ? ['--host', options.host] : []),
        ];
        await serve.parseAsync(args, { from: 'user' });
      } finally {
        watch?.stop();
        await rm(root, { recursive: true, force: true });
      }
    });
}
