import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import pino from 'pino';
import type { JsonObject, JsonValue, PluginContext, ToolDefinition, ToolResult } from '@berth/sdk';
import { createSandboxManagerPlugin } from '../../src/plugin.js';
import type { SandboxRuntime } from '../../src/runtime.js';
import { BwrapStore } from '../../src/backends/bwrap/bwrap-store.js';
import { bwrapSandboxRoot } from '../../src/backends/select.js';
import { ownerTag } from '../../src/labels.js';
import { labelledContainers } from './backends.js';

/** A started plugin, driven through its registered tool handlers (arguments checked against their schemas). */
export interface StartedPlugin {
  /** Calls a tool by name; returns its structured content (throws what the handler throws). */
  call(name: string, args: JsonObject, signal?: AbortSignal): Promise<Record<string, unknown>>;
  /** The raw result. */
  callRaw(name: string, args: JsonObject, signal?: AbortSignal): Promise<ToolResult>;
  /** The registered tools. */
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  /** The plugin's data folder. */
  readonly dataDir: string;
  /** The runtime. */
  readonly runtime: SandboxRuntime;
  /** dispose(). */
  stop(): Promise<void>;
}

const ajv = new Ajv({ strict: false });

/** After a stop without keep_on_stop: no labelled sandbox of this installation is left (acceptance 4, after the suite). */
async function assertNothingLeft(dataDir: string, settings: Record<string, JsonValue>): Promise<void> {
  const backend = settings['backend'];
  const left = backend === 'bwrap'
    ? (await new BwrapStore(bwrapSandboxRoot(dataDir)).all()).map((r) => r.spec.id)
    : backend === 'docker' ? await labelledContainers(ownerTag(dataDir)) : [];
  if (left.length > 0) throw new Error(`sandboxes left after the plugin stopped (${String(backend)}): ${left.join(', ')}`);
}

/** Starts the plugin in this process with `settings`, as the host's trusted tier would. */
export async function startPlugin(settings: Record<string, JsonValue>, dataDir?: string): Promise<StartedPlugin> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'berth-sbm-data-')));
  const tools = new Map<string, ToolDefinition>();
  const context = {
    plugin: { name: 'sandbox-manager', version: '1.0.0', dir: process.cwd() },
    config: { get: (key: string) => settings[key], all: () => settings },
    logger: pino({ level: 'silent' }),
    dataDir: dir,
    tools: {
      register: (definition: ToolDefinition) => {
        tools.set(definition.name, definition);
        return () => tools.delete(definition.name);
      },
      list: async () => [],
      call: async () => ({ content: [] }),
    },
  } as unknown as PluginContext;
  const instance = createSandboxManagerPlugin();
  await instance.plugin.initialize(context);
  const runtime = instance.runtime() as SandboxRuntime;
  const callRaw = async (name: string, args: JsonObject, signal = new AbortController().signal): Promise<ToolResult> => {
    const tool = tools.get(name);
    if (tool === undefined) throw new Error(`no tool ${name}`);
    const validate = ajv.compile(tool.inputSchema);
    if (!validate(args)) throw new Error(`invalid arguments for ${name}: ${ajv.errorsText(validate.errors)}`);
    return (await tool.handler(args, { signal, progress: () => undefined })) as ToolResult;
  };
  return {
    tools,
    dataDir: dir,
    runtime,
    callRaw,
    call: async (name, args, signal) => (await callRaw(name, args, signal)).structuredContent as Record<string, unknown>,
    stop: async () => {
      await instance.plugin.dispose?.();
      if (settings['keep_on_stop'] !== true) await assertNothingLeft(dir, settings);
    },
  };
}
