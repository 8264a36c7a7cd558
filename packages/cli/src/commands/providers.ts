import type { Command } from 'commander';
import type { PluginHost } from '@berth/host';
import { withHost, type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { printJson, printTable } from '../output.js';

/**
 * Starts the provider plugins only (with what they depend on): listing models or chatting has no use for the tool
 * and MCP plugins, whose start (a container engine reached, a server spawned) would only cost time. A provider that
 * cannot start is said on stderr; the others still answer.
 */
async function startProviders(host: PluginHost): Promise<void> {
  const providers = host.list().filter((p) => p.type === 'provider' && p.state === 'resolved');
  await Promise.all(
    providers.map((p) =>
      host.activate(p.name).catch((error: unknown) => {
        process.stderr.write(`warning: provider plugin '${p.name}' did not start: ${error instanceof Error ? error.message : String(error)}\n`);
      }),
    ),
  );
}

/** `berth providers list` and `berth chat <model> "<prompt>"`. */
export function registerProviders(program: Command, globals: () => GlobalOptions): void {
  const providers = program.command('providers').description('LLM providers and their models');

  providers
    .command('list')
    .description('every provider and the models it serves, as <plugin>/<model> ids')
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      await withHost(globals(), async (host) => {
        await startProviders(host);
        const list = host.api.providers.list();
        const models = await host.api.providers.listModels().catch(() => []);
        if (options.json === true) return printJson({ providers: list, models });
        printTable(
          ['PROVIDER', 'MODELS'],
          list.map((p) => [p.id, models.filter((m) => m.plugin === p.plugin && m.provider === p.name).map((m) => m.id).join(', ') || '-']),
        );
      }, { activate: false });
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
          await startProviders(host);
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
        }, { activate: false });
      } catch (error) {
        reportFailure(error);
      }
    });
}
