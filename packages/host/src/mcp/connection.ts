import { ProtocolError, SdkError, SdkErrorCode, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { GetPromptResult, Prompt, ReadResourceResult, RequestOptions, Resource, Tool, Transport } from '@modelcontextprotocol/client';
import { McpConnectFailedError, McpServerCrashedError } from '@berth/sdk';
import type { JsonObject, Logger, ToolProgress, ToolResult } from '@berth/sdk';
import { BerthMcpClient } from './client.js';
import { plainMcpServerLauncher, type LaunchedMcpServer, type McpServerLauncher } from './launcher.js';
import { describeMcpServer, type McpServerTarget } from './server-spec.js';
import { toToolResult } from './tool-bridge.js';
import { McpToolSync } from './tool-sync.js';
import type { ToolRegistrar } from './tool-registrar.js';

/** The longest a single request may wait in the SDK; the registry's own time limit aborts the call's signal first. */
const NO_SDK_TIMEOUT_MS = 2_000_000_000;

/** What an {@link McpPluginConnection} needs. */
export interface McpPluginConnectionOptions {
  /** The `mcp` plugin's name (the namespace of its tools). */
  readonly plugin: string;
  /** How to run or reach its server. */
  readonly server: McpServerTarget;
  /** The plugin's logger (the server's stderr lands here at debug level). */
  readonly logger: Logger;
  /** Starts command-type servers; defaults to a plain spawn. The sandbox supplies a confining one. */
  readonly launcher?: McpServerLauncher;
  /** Where the server's tools are registered (the tool registry's `register`); omit to only list them. */
  readonly registerTool?: ToolRegistrar;
  /** Time limit for starting and the MCP handshake, in milliseconds (default 30 s). */
  readonly connectTimeoutMs?: number;
}

/** Options of {@link McpPluginConnection.callTool}. */
export interface McpCallOptions {
  /** Cancels the call (sent to the server as `notifications/cancelled`, or by closing the request on HTTP). */
  readonly signal?: AbortSignal;
  /** Receives the server's progress notifications. */
  readonly onProgress?: (update: ToolProgress) => void;
}

type ConnectionState = 'idle' | 'connecting' | 'up' | 'down' | 'closed';

/**
 * The host as MCP client of one `mcp` plugin's server (official SDK, protocol version negotiated: the
 * 2026-07-28 revision where the server offers it, else the 2025 handshake). It registers the server's tools under
 * the plugin's namespace, follows `notifications/tools/list_changed`, and reports the server's death through
 * {@link McpPluginConnection.onClose}: in-flight calls then fail at once with `McpServerCrashedError`, and
 * whoever supervises the plugin calls {@link McpPluginConnection.reconnect}.
 */
export class McpPluginConnection {
  readonly #options: McpPluginConnectionOptions;
  readonly #sync: McpToolSync;
  readonly #closeListeners = new Set<(error: McpServerCrashedError) => void>();
  readonly #contentListeners = new Set<(kind: 'resources' | 'prompts') => void>();
  #client: BerthMcpClient | undefined;
  #launched: LaunchedMcpServer | undefined;
  #state: ConnectionState = 'idle';

  /** @param options - the plugin, its server and where its tools go */
  constructor(options: McpPluginConnectionOptions) {
    this.#options = options;
    this.#sync = new McpToolSync(options.plugin, options.logger, options.registerTool, (name, args, call) =>
      this.callTool(name, args, call),
    );
  }

  /** The plugin's name. */
  get plugin(): string {
    return this.#options.plugin;
  }

  /** `idle`, `connecting`, `up`, `down` (the server went away) or `closed`. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** The tools the server listed last. */
  get tools(): readonly Tool[] {
    return this.#sync.tools;
  }

  /** The MCP protocol version negotiated with the server, once connected. */
  get protocolVersion(): string | undefined {
    return this.#client?.getNegotiatedProtocolVersion();
  }

  /** The server process's id, for command-type servers that are running. */
  pid(): number | undefined {
    return this.#launched?.pid();
  }

  /** Starts (or reaches) the server, negotiates the protocol, lists and registers its tools. */
  async connect(): Promise<void> {
    if (this.#state === 'up' || this.#state === 'connecting') return;
    this.#state = 'connecting';
    const client = this.#newClient();
    const transport = this.#newTransport();
    try {
      await client.connect(transport, { timeout: this.#options.connectTimeoutMs ?? 30_000 });
      this.#client = client;
      this.#state = 'up';
      this.#sync.update((await client.listTools()).tools);
      this.#contentChanged('resources');
      this.#contentChanged('prompts');
    } catch (error) {
      this.#state = 'down';
      await client.close().catch(() => undefined);
      const reason = (error instanceof Error ? error.message : String(error)) + (await this.#howItEnded());
      throw new McpConnectFailedError(this.plugin, describeMcpServer(this.#options.server), reason, { cause: error });
    }
  }

  /** Closes the current connection (stopping a started server) and connects again. */
  async reconnect(): Promise<void> {
    await this.#dropClient();
    this.#state = 'idle';
    await this.connect();
  }

  /** Closes the connection for good: stops a started server and unregisters its tools. */
  async close(): Promise<void> {
    this.#state = 'closed';
    this.#sync.clear();
    await this.#dropClient();
    this.#contentChanged('resources');
    this.#contentChanged('prompts');
  }

  /** Registers a listener for the server going away unexpectedly; returns its removal. */
  onClose(listener: (error: McpServerCrashedError) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Registers a listener for the server's resource or prompt list changing (or the server coming up); returns its removal. */
  onContentChanged(listener: (kind: 'resources' | 'prompts') => void): () => void {
    this.#contentListeners.add(listener);
    return () => this.#contentListeners.delete(listener);
  }

  /** Reads one of the server's resources. */
  async readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.#requireClient(uri).readResource({ uri }, { ...(signal !== undefined ? { signal } : {}), cacheMode: 'bypass' });
  }

  /** Renders one of the server's prompts by its own name. */
  async getPrompt(name: string, args: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<GetPromptResult> {
    return this.#requireClient(name).getPrompt({ name, arguments: { ...args } }, signal !== undefined ? { signal } : {});
  }

  /** The server's resources (empty when it offers none). */
  async listResources(): Promise<readonly Resource[]> {
    const client = this.#requireClient('resources/list');
    return client.getServerCapabilities()?.resources === undefined ? [] : (await client.listResources()).resources;
  }

  /** The server's prompts (empty when it offers none). */
  async listPrompts(): Promise<readonly Prompt[]> {
    const client = this.#requireClient('prompts/list');
    return client.getServerCapabilities()?.prompts === undefined ? [] : (await client.listPrompts()).prompts;
  }

  /**
   * Calls one of the server's tools by its own (un-namespaced) name. Fails with `McpServerCrashedError` at once when
   * the server is down or dies during the call; a refusal by the server comes back as an `isError` result.
   */
  async callTool(name: string, args: JsonObject, options: McpCallOptions = {}): Promise<ToolResult> {
    const client = this.#requireClient(name);
    try {
      const params = { name, arguments: args };
      const result = this.#isPlainCall(client, name) ? await client.callPlainTool(params, requestOptionsOf(options)) : await client.callTool(params, requestOptionsOf(options));
      return toToolResult(result);
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      if (this.#client !== client || this.#state !== 'up' || isConnectionClosed(error)) {
        throw new McpServerCrashedError(this.plugin, `the connection closed during the call to '${name}'`, { cause: error });
      }
      if (error instanceof ProtocolError) {
        return { content: [{ type: 'text', text: `the MCP server of plugin '${this.plugin}' refused '${name}': ${error.message}` }], isError: true };
      }
      throw error;
    }
  }

  /**
   * True when `callTool` would add nothing to the request: the tool declares no output schema, and no arguments are
   * mirrored into headers (stdio, or a 2025-era server).
   */
  #isPlainCall(client: BerthMcpClient, name: string): boolean {
    return this.#sync.declaresNoOutput(name) && (this.#options.server.kind !== 'url' || client.getProtocolEra() !== 'modern');
  }

  #requireClient(what: string): BerthMcpClient {
    if (this.#state !== 'up' || this.#client === undefined) {
      throw new McpServerCrashedError(this.plugin, `it is not running (state '${this.#state}') when '${what}' was asked for`);
    }
    return this.#client;
  }

  #newClient(): BerthMcpClient {
    const client = new BerthMcpClient(
      { name: 'berth', version: '0.1.0' },
      {
        // Berth offers no filesystem roots; it answers roots/list with an empty list.
        capabilities: { roots: { listChanged: true } },
        versionNegotiation: { mode: 'auto' },
        listChanged: {
          tools: { onChanged: (error, tools) => this.#onToolsChanged(client, error, tools) },
          resources: { autoRefresh: false, onChanged: () => client === this.#client && this.#contentChanged('resources') },
          prompts: { autoRefresh: false, onChanged: () => client === this.#client && this.#contentChanged('prompts') },
        },
      },
    );
    client.setRequestHandler('roots/list', () => ({ roots: [] }));
    client.onclose = () => this.#onClientClosed(client);
    return client;
  }

  #newTransport(): Transport {
    const spec = this.#options.server;
    if (spec.kind === 'url') {
      this.#launched = undefined;
      return new StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: { ...spec.headers } } });
    }
    const launcher = this.#options.launcher ?? plainMcpServerLauncher;
    this.#launched = launcher.launch(this.plugin, spec, this.#options.logger);
    return this.#launched.transport;
  }

  #onToolsChanged(client: BerthMcpClient, error: Error | null, tools: Tool[] | null): void {
    if (client !== this.#client) return;
    if (error !== null || tools === null) {
      this.#options.logger.warn({ err: error }, `re-listing the tools of plugin '${this.plugin}' failed`);
      return;
    }
    this.#sync.update(tools);
  }

  #contentChanged(kind: 'resources' | 'prompts'): void {
    for (const listener of [...this.#contentListeners]) listener(kind);
  }

  #onClientClosed(client: BerthMcpClient): void {
    if (client !== this.#client || this.#state !== 'up') return;
    this.#state = 'down';
    const launched = this.#launched;
    const crash = new McpServerCrashedError(this.plugin, `its connection closed (${describeMcpServer(this.#options.server)})`);
    for (const listener of [...this.#closeListeners]) listener(crash);
    void this.#howItEnded(launched).then((how) => this.#options.logger.warn({ err: crash }, `${crash.message}${how}`));
  }

  /**
   * How a started server ended and what it last wrote to stderr, as a suffix for a message (empty for a URL server,
   * or a server still running). Waits a moment for the exit, which follows the closed pipes.
   */
  async #howItEnded(launched: LaunchedMcpServer | undefined = this.#launched): Promise<string> {
    if (launched === undefined) return '';
    for (let i = 0; i < 20 && launched.exitStatus?.() === undefined; i++) await new Promise((r) => setTimeout(r, 25));
    const status = launched.exitStatus?.();
    const lines = (launched.stderr?.() ?? []).filter((l) => l.trim() !== '').slice(-10);
    return (status !== undefined ? `; the server ${status}` : '') + (lines.length > 0 ? `; its last stderr lines:\n${lines.join('\n')}` : '');
  }

  async #dropClient(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.close().catch(() => undefined);
  }
}

/** The SDK's options for one call; no progress token is asked for unless the caller listens to progress. */
function requestOptionsOf(options: McpCallOptions): RequestOptions {
  const onProgress = options.onProgress;
  const request: RequestOptions = { timeout: NO_SDK_TIMEOUT_MS };
  if (options.signal !== undefined) request.signal = options.signal;
  if (onProgress !== undefined) {
    request.onprogress = (p) => onProgress({ progress: p.progress, ...(p.total !== undefined ? { total: p.total } : {}), ...(p.message !== undefined ? { message: p.message } : {}) });
  }
  return request;
}

/** True when an SDK error says the connection closed under a pending request. */
function isConnectionClosed(error: unknown): boolean {
  return error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed;
}
