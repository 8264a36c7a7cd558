import { Server } from '@modelcontextprotocol/server';
import type { ListToolsResult, ServerCapabilities, ServerContext } from '@modelcontextprotocol/server';
import type { ContentKind, McpContentSource } from './content-source.js';
import type { Logger, ToolInfo } from '@berth/sdk';
import { serveToolCall, type ToolCallParams } from './tool-call.js';
import type { ToolSource } from './tool-source.js';
import { WireNames } from './wire-names.js';

/** Berth's identity on the wire. */
const SERVER_INFO = { name: 'berth', title: 'Berth', version: '0.1.0' };

/** How long a burst of tool-list changes is gathered before clients are told once. */
const CHANGE_COALESCE_MS = 10;

/** Something the endpoint tells when a list changes. */
type ChangeNotifier = (kind: 'tools' | ContentKind) => void;

/**
 * Builds the low-level MCP `Server` instances the endpoint serves from one {@link ToolSource} — one per stdio
 * connection, legacy HTTP session, or modern HTTP request, all answering from the same source and wire-name
 * table — and tells every live connection when the source's tool list changes.
 */
export class McpServerFactory {
  readonly #names: WireNames;
  readonly #live = new Set<Server>();
  readonly #notifiers = new Set<ChangeNotifier>();
  readonly #stopWatching: () => void;
  readonly #stopWatchingContent: () => void;
  #pendingChange: NodeJS.Timeout | undefined;

  /**
   * @param source - the tools to serve
   * @param logger - the call log
   * @param content - resources and prompts to serve too, if any
   */
  constructor(
    private readonly source: ToolSource,
    private readonly logger: Logger,
    private readonly content?: McpContentSource,
  ) {
    this.#names = new WireNames({
      wireName: (id) => source.wireName?.(id),
      fromWireName: (wire) => source.fromWireName?.(wire),
    });
    this.#stopWatching = source.onDidChange(() => this.#scheduleToolsChanged());
    this.#stopWatchingContent = content?.onDidChange((kind) => this.#contentChanged(kind)) ?? (() => undefined);
  }

  /**
   * A fresh server instance. A `pinned` one (a stdio connection, a legacy HTTP session) is kept until it closes
   * and receives `notifications/tools/list_changed`; a per-request one (modern HTTP) is not.
   */
  create(transport: string, pinned: boolean): Server {
    const capabilities: ServerCapabilities = { tools: { listChanged: true } };
    if (this.content !== undefined) Object.assign(capabilities, { resources: { listChanged: true }, prompts: { listChanged: true } });
    const server = new Server(SERVER_INFO, { capabilities });
    server.setRequestHandler('tools/list', () => this.#listTools());
    server.setRequestHandler('tools/call', (request, ctx: ServerContext) =>
      serveToolCall({ source: this.source, names: this.#names, logger: this.logger, transport }, request.params as ToolCallParams, ctx),
    );
    if (this.content !== undefined) serveContent(server, this.content);
    if (pinned) {
      this.#live.add(server);
      server.onclose = () => this.#live.delete(server);
    }
    return server;
  }

  /** Adds a notifier called when a list (tools, resources, prompts) changes — the modern HTTP handler's `notify`; returns its removal. */
  onListChanged(notifier: ChangeNotifier): () => void {
    this.#notifiers.add(notifier);
    return () => this.#notifiers.delete(notifier);
  }

  /** Stops following the source and forgets live instances. */
  dispose(): void {
    this.#stopWatching();
    this.#stopWatchingContent();
    clearTimeout(this.#pendingChange);
    this.#live.clear();
    this.#notifiers.clear();
  }

  async #listTools(): Promise<ListToolsResult> {
    const tools = await this.source.list();
    const wires = this.#names.remember(tools.map((tool) => tool.id));
    return { tools: tools.map((tool, index) => toWireTool(tool, wires[index] ?? tool.id)) };
  }

  /** Coalesces a burst of changes (a plugin registering many tools) into one notification. */
  #scheduleToolsChanged(): void {
    if (this.#pendingChange !== undefined) return;
    this.#pendingChange = setTimeout(() => {
      this.#pendingChange = undefined;
      this.#toolsChanged();
    }, CHANGE_COALESCE_MS);
  }

  #toolsChanged(): void {
    for (const server of this.#live) {
      server.sendToolListChanged().catch((error: unknown) => this.logger.debug({ err: error }, 'tools/list_changed not delivered'));
    }
    for (const notify of this.#notifiers) notify('tools');
  }

  #contentChanged(kind: ContentKind): void {
    for (const server of this.#live) {
      const sent = kind === 'resources' ? server.sendResourceListChanged() : server.sendPromptListChanged();
      sent.catch((error: unknown) => this.logger.debug({ err: error }, `${kind}/list_changed not delivered`));
    }
    for (const notify of this.#notifiers) notify(kind);
  }
}

/** A registry tool as MCP lists it, under its wire name. */
function toWireTool(tool: ToolInfo, wire: string): ListToolsResult['tools'][number] {
  return {
    name: wire,
    ...(tool.annotations?.title !== undefined ? { title: tool.annotations.title } : {}),
    description: tool.description,
    inputSchema: { type: 'object', ...tool.inputSchema } as ListToolsResult['tools'][number]['inputSchema'],
    ...(tool.outputSchema !== undefined ? { outputSchema: { type: 'object', ...tool.outputSchema } as ListToolsResult['tools'][number]['outputSchema'] } : {}),
    ...(tool.annotations !== undefined ? { annotations: { ...tool.annotations } } : {}),
  };
}

/** Answers resources/list, resources/read, prompts/list and prompts/get from the content source. */
function serveContent(server: Server, content: McpContentSource): void {
  server.setRequestHandler('resources/list', async () => ({ resources: [...(await content.listResources())] }));
  server.setRequestHandler('resources/read', (request, ctx: ServerContext) => content.readResource(request.params.uri, ctx.mcpReq.signal));
  server.setRequestHandler('prompts/list', async () => ({ prompts: [...(await content.listPrompts())] }));
  server.setRequestHandler('prompts/get', (request, ctx: ServerContext) =>
    content.getPrompt(request.params.name, request.params.arguments ?? {}, ctx.mcpReq.signal),
  );
}
