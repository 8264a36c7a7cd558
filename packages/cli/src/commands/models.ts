import type { Command } from 'commander';
import type { ModelRunnerConnection } from '@berth/plugin-docker-llm/models';
import { configStore, type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { printJson, printTable } from '../output.js';

/** Finds Model Runner the way the docker-llm plugin does, honouring its saved `base_url` setting. */
async function connect(globals: GlobalOptions): Promise<ModelRunnerConnection> {
  const store = await configStore(globals);
  await store.load();
  const baseUrl = store.read().plugins?.['docker-llm']?.settings?.['base_url'];
  const { findModelRunner } = await import('@berth/plugin-docker-llm/models');
  return findModelRunner(typeof baseUrl === 'string' ? { baseUrl } : {});
}

/** The docker-llm plugin's model functions (loaded on first use). */
const modelFunctions = (): Promise<typeof import('@berth/plugin-docker-llm/models')> => import('@berth/plugin-docker-llm/models');

/** Runs `work`, reporting failures with the documented exit codes. */
async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    reportFailure(error);
  }
}

/** `berth models list|pull|rm`: Docker Model Runner's local models. */
export function registerModels(program: Command, globals: () => GlobalOptions): void {
  const models = program.command('models').description("Docker Model Runner's local models (list, pull with progress, remove)");

  models
    .command('list')
    .description('the models Model Runner has stored')
    .option('--json', 'print stable JSON')
    .action((options: { json?: boolean }) =>
      guarded(async () => {
        const list = await (await modelFunctions()).listLocalModels(await connect(globals()));
        if (options.json === true) return printJson(list);
        printTable(
          ['MODEL', 'ID', 'SIZE'],
          list.map((m) => [m.tags.join(', ') || '-', m.id.slice(0, 19), typeof m.config?.['size'] === 'string' ? m.config['size'] : '-']),
        );
      }),
    );

  models
    .command('pull')
    .description('pull a model (e.g. ai/smollm2), showing its progress')
    .argument('<model>', 'model name')
    .action((model: string) =>
      guarded(async () => {
        const connection = await connect(globals());
        const tty = process.stderr.isTTY === true;
        let last = '';
        const { pullModel, renderProgressLine } = await modelFunctions();
        for await (const event of pullModel(connection, model)) {
          const line = renderProgressLine(model, event);
          if (tty) process.stderr.write(`\r${line.padEnd(last.length)}`);
          else if (line !== last) process.stderr.write(`${line}\n`);
          last = line;
        }
        if (tty) process.stderr.write('\n');
        process.stdout.write(`pulled ${model}\n`);
      }),
    );

  models
    .command('rm')
    .description('remove a stored model')
    .argument('<model>', 'model name')
    .option('-f, --force', 'remove it even when in use')
    .action((model: string, options: { force?: boolean }) =>
      guarded(async () => {
        await (await modelFunctions()).removeModel(await connect(globals()), model, { force: options.force === true });
        process.stdout.write(`removed ${model}\n`);
      }),
    );
}
