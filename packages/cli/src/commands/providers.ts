import type { Command } from 'commander';
import { withHost, type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { printJson, printTable } from '../output.js';

/** `berth providers list` and `berth chat <model> "<prompt>"`. */
export function registerProviders(program: Command, globals: () => GlobalOptions): void {
  const providers = program.command('providers').description('LLM providers and their models');

  providers
    .command('list')
    .description('every provider and the models it serves, as <plugin>/<model> ids')
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      await withHost(globals(), async (host) => {
        const list = host.api.providers.list();
        const models = await host.api.providers.listModels().catch(() => []);
        if (options.json === true) return printJson({ providers: list, models });
        printTable(
          ['PROVIDER', 'MODELS'],
          list.map((p) => [p.id, models.filter((m) => m.plugin === p.plugin && m.provider === p.name).map((m) => m.id).join(', ') || '-']),
        );
      });
    });

  program
    .command('chat')
    .description('send one prompt to a model and stream the answer to the terminal')
    .argument('<model>', 'model id, <plugin>/<model> (see: berth providers list)')
    .argument('<prompt>', 'the prompt')
    .option('--system <text>', 'a system message')
    .option('--max-tokens <n>', 'the most tokens to generate')
    .action(async (model: string, prompt: string, options: { system?: string; maxTokens?: string }) => {
      try {
        await withHost(globals(), async (host) => {
          const controller = new AbortController();
          const onSigint = (): void => controller.abort(new Error('interrupted'));
          process.once('SIGINT', onSigint);
          try {
            const messages = [
              ...(options.system !== undefined ? [{ role: 'system' as const, content: options.system }] : []),
              { role: 'user' as const, content: prompt },
            ];
            const request = { messages, ...(options.maxTokens !== undefined ? { maxTokens: Number(options.maxTokens) } : {}) };
            for await (const part of host.api.providers.stream(model, request, { signal: controller.signal })) {
              if (part.type === 'text-delta') process.stdout.write(part.text);
              if (part.type === 'finish') process.stdout.write('\n');
            }
          } finally {
            process.off('SIGINT', onSigint);
          }
        });
      } catch (error) {
        reportFailure(error);
      }
    });
}
