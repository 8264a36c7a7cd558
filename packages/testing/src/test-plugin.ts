import type { ChatRequest, ChatResponse, JsonObject, PluginManifest, StreamPart, ToolResult } from '@berth/sdk';
import type { AuditRecord, PluginHost, RoutedModel } from '@berth/host';
import type { CapturedEvent, CapturedLog } from './capture.js';

/** What {@link TestPlugin} is built from (by `startPlugin`). */
export interface TestPluginParts {
  readonly host: PluginHost;
  readonly manifest: PluginManifest;
  readonly dir: string;
  readonly workspace: string;
  readonly dataDir: string;
  readonly logs: CapturedLog[];
  readonly events: CapturedEvent[];
  readonly waiters: Set<() => void>;
  readonly cleanup: () => Promise<void>;
}

/** A chat request without its model (the model is the first argument), or just the user's text. */
export type TestChatRequest = Omit<ChatRequest, 'model'> | string;

const asRequest = (request: TestChatRequest): Omit<ChatRequest, 'model'> =>
  typeof request === 'string' ? { messages: [{ role: 'user', content: request }] } : request;

/** The text parts of a tool result, joined by new lines. */
export function resultText(result: ToolResult): string {
  return result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/**
 * A plugin running for a test (see `startPlugin`): call its tools and providers, read what it emitted and logged
 * and what the sandbox refused it. Names without a `/` are the plugin's own (`greet` → `<plugin>/greet`).
 */
export class TestPlugin {
  /** The plugin's name. */
  readonly name: string;
  /** Its version. */
  readonly version: string;
  /** Its folder (real path). */
  readonly dir: string;
  /** The folder `${workspace}` means in its grants. */
  readonly workspace: string;
  /** Its data folder (`context.dataDir`). */
  readonly dataDir: string;
  /** The manifest, as validated. */
  readonly manifest: PluginManifest;
  /** The host it runs in (the real one; for anything this class does not wrap). */
  readonly host: PluginHost;
  readonly #parts: TestPluginParts;
  #stopped = false;

  /** @param parts - what `startPlugin` assembled */
  constructor(parts: TestPluginParts) {
    this.#parts = parts;
    this.host = parts.host;
    this.manifest = parts.manifest;
    this.name = parts.manifest.name;
    this.version = parts.manifest.version;
    this.dir = parts.dir;
    this.workspace = parts.workspace;
    this.dataDir = parts.dataDir;
  }

  /** Where it runs, e.g. `process (bubblewrap)`. */
  get tier(): string {
    return this.host.get(this.name)?.tier ?? 'unknown';
  }

  /** Every line it logged so far (`context.logger`, and its stdout/stderr). */
  get logs(): readonly CapturedLog[] {
    return this.#parts.logs;
  }

  /** Every event it emitted so far, in order. */
  get events(): readonly CapturedEvent[] {
    return this.#parts.events;
  }

  /** The ids of its tools (`<plugin>/<name>`). */
  tools(): string[] {
    return this.host.api.tools.list().filter((t) => t.plugin === this.name).map((t) => t.id);
  }

  /** Calls one of its tools through the host's registry: input schema, guards and the sandbox boundary included. */
  async call(tool: string, args: JsonObject = {}, options: { readonly timeoutMs?: number; readonly signal?: AbortSignal } = {}): Promise<ToolResult> {
    return this.host.api.tools.call(this.#id(tool), args, options);
  }

  /** Calls a tool and returns the text of its result. */
  async callText(tool: string, args: JsonObject = {}): Promise<string> {
    return resultText(await this.call(tool, args));
  }

  /** Its providers' models (`<plugin>/<model>`). */
  async models(): Promise<RoutedModel[]> {
    return (await this.host.api.providers.listModels()).filter((m) => m.plugin === this.name);
  }

  /** A chat answer from one of its models (`echo-1` or `<plugin>/echo-1`). */
  async chat(model: string, request: TestChatRequest): Promise<ChatResponse> {
    return this.host.api.providers.chat(this.#model(model), asRequest(request));
  }

  /** A streamed chat answer from one of its models, part by part. */
  stream(model: string, request: TestChatRequest): AsyncGenerator<StreamPart> {
    return this.host.api.providers.stream(this.#model(model), asRequest(request));
  }

  /** What the sandbox and the permission gate refused it (the audit log's denied records), oldest first. */
  denials(): AuditRecord[] {
    return this.host.audit.read({ plugin: this.name, allowed: false });
  }

  /** Resolves with the first event `name` it emits (or has emitted), or rejects after `timeoutMs` (default 5 s). */
  async waitForEvent(name: string, timeoutMs = 5_000): Promise<CapturedEvent> {
    const found = (): CapturedEvent | undefined => this.#parts.events.find((e) => e.name === name);
    const now = found();
    if (now !== undefined) return now;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#parts.waiters.delete(wake);
        reject(new Error(`plugin '${this.name}' did not emit '${name}' within ${timeoutMs} ms (it emitted: ${this.#parts.events.map((e) => e.name).join(', ') || 'nothing'})`));
      }, timeoutMs);
      const wake = (): void => {
        const event = found();
        if (event === undefined) return;
        clearTimeout(timer);
        this.#parts.waiters.delete(wake);
        resolve(event);
      };
      this.#parts.waiters.add(wake);
    });
  }

  /** Hot-reloads it from its folder, as `berth dev` does on a save. */
  async reload(): Promise<void> {
    const outcome = await this.host.reload(this.name);
    if (outcome.status === 'failed') throw outcome.error;
    if (outcome.status === 'needs-approval') {
      throw new Error(`plugin '${this.name}' ${outcome.version} asks for more permissions than the test granted: ${outcome.missing.map((g) => g.permission).join(', ')}`);
    }
  }

  /** Stops it (its process ends) and removes the test's temporary configuration and data. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    try {
      await this.host.stop();
    } finally {
      await this.#parts.cleanup();
    }
  }

  /** `await using plugin = await startPlugin(...)` stops it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #id(tool: string): string {
    return tool.includes('/') ? tool : `${this.name}/${tool}`;
  }

  #model(model: string): string {
    return model.startsWith(`${this.name}/`) ? model : `${this.name}/${model}`;
  }
}
