import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { JsonObject, ToolResult } from '@berth/sdk';
import type { GlobalOptions } from '../context.js';
import { withOperations } from '../operations.js';
import { ExitCode } from '../exit-codes.js';
import { reportFailure } from '../fail.js';
import { wholeNumber } from '../options.js';
import { printJson, printTable } from '../output.js';

async function readArgs(options: { args?: string; argsFile?: string }): Promise<JsonObject> {
  const text = options.argsFile !== undefined ? await readFile(options.argsFile, 'utf8') : (options.args ?? '{}');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--args is not valid JSON: ${(error as Error).message} (e.g. --args '{"name": "value"}')`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`--args must be a JSON object, e.g. --args '{"name": "value"}'`);
  }
  return value as JsonObject;
}

function printResult(result: ToolResult, json: boolean): void {
  if (json) return printJson(result);
  for (const part of result.content) {
    if (part.type === 'text') process.stdout.write(`${part.text}\n`);
    else process.stdout.write(`[${part.type}]\n`);
  }
  if (result.content.length === 0 && result.structuredContent !== undefined) printJson(result.structuredContent);
}

/** `berth tools list|call`. */
export function registerTools(program: Command, globals: () => GlobalOptions): void {
  const tools = program.command('tools').description('list and call the tools of every loaded plugin');

  tools
    .command('list')
    .description("every tool, by namespaced id: the running server's, or (none running) the manifests' declared tools, nothing started")
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      try {
        await withOperations(globals(), async (ops) => {
          const listing = await ops.listTools();
          // One array (stable since the first release): the tools, then a `<plugin>/*` row per plugin whose tools are known only at run time.
          const runtime = listing.runtimeOnly.map((r) => ({ id: `${r.plugin}/*`, plugin: r.plugin, runtimeOnly: true, reason: r.reason }));
          if (options.json === true) return printJson([...listing.tools, ...runtime]);
          printTable(['ID', 'DESCRIPTION'], listing.tools.map((t) => [t.id, t.description.split('\n')[0] ?? '']));
          for (const r of listing.runtimeOnly) process.stdout.write(`${r.plugin}/*  (${r.reason})\n`);
        });
      } catch (error) {
        reportFailure(error);
      }
    });

  tools
    .command('call')
    .description('call a tool through the registry (validation, guards, sandbox, time limit) and print its result')
    .argument('<id>', 'namespaced tool id, e.g. echo-tool/echo')
    .option('--args <json>', 'the arguments, as a JSON object')
    .option('--args-file <file>', 'read the arguments from a JSON file')
    .option('--timeout <ms>', 'time limit in milliseconds', wholeNumber(1))
    .option('--json', 'print the whole result as JSON')
    .action(async (id: string, options: { args?: string; argsFile?: string; timeout?: number; json?: boolean }) => {
      try {
        const args = await readArgs(options);
        await withOperations(globals(), async (ops) => {
          const result = await ops.callTool(id, args, options.timeout !== undefined ? { timeoutMs: options.timeout } : {});
          printResult(result, options.json === true);
          if (result.isError === true) process.exitCode = ExitCode.ERRORS;
        });
      } catch (error) {
        reportFailure(error);
      }
    });
}
