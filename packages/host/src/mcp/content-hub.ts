import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import type { GetPromptResult, Prompt, ReadResourceResult, Resource } from '@modelcontextprotocol/client';
import type { Logger } from '@berth/sdk';
import type { ContentKind, McpContentSource } from '../endpoints/mcp/content-source.js';
import { wireNameOf } from '../endpoints/mcp/wire-names.js';
import type { McpPluginConnection } from './connection.js';

/**
 * The resources and prompts of every connected `mcp` plugin's server, as one {@link McpContentSource} for the
 * endpoint: prompts under namespaced wire names (`<plugin>__<prompt>`), resources under their own URIs (a read
 * goes to the server that listed the URI). A server that is down contributes nothing until it is back.
 */
export class McpContentHub implements McpContentSource {
  readonly #connections = new Map<string, { connection: McpPluginConnection; stop: () => void }>();
  readonly #listeners = new Set<(kind: ContentKind) => void>();
  #resourceOwners = new Map<string, McpPluginConnection>();
  #promptOwners = new Map<string, { connection: McpPluginConnection; name: string }>();

  /** @param logger - where a server's failure to list is reported */
  constructor(private readonly logger: Logger) {}

  /** Adds a plugin's connection; returns its removal. */
  add(connection: McpPluginConnection): () => void {
    const stop = connection.onContentChanged((kind) => this.#changed(kind));
    this.#connections.set(connection.plugin, { connection, stop });
    this.#changed('resources');
    this.#changed('prompts');
    return () => {
      if (this.#connections.get(connection.plugin)?.connection !== connection) return;
      stop();
      this.#connections.delete(connection.plugin);
      this.#changed('resources');
      this.#changed('prompts');
    };
  }

  /** @inheritdoc */
  async listResources(): Promise<readonly Resource[]> {
    const owners = new Map<string, McpPluginConnection>();
    const all: Resource[] = [];
    for (const connection of this.#up()) {
      for (const resource of await this.#safely(connection, 'resources', () => connection.listResources())) {
        if (owners.has(resource.uri)) continue;
        owners.set(resource.uri, connection);
        all.push(resource);
      }
    }
    this.#resourceOwners = owners;
    return all;
  }

  /** @inheritdoc */
  async readResource(uri: string, signal: AbortSignal): Promise<ReadResourceResult> {
    if (!this.#resourceOwners.has(uri)) await this.listResources();
    const owner = this.#resourceOwners.get(uri);
    if (owner === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no MCP plugin offers the resource '${uri}' (list them with resources/list)`);
    return owner.readResource(uri, signal);
  }

  /** @inheritdoc */
  async listPrompts(): Promise<readonly Prompt[]> {
    const owners = new Map<string, { connection: McpPluginConnection; name: string }>();
    const all: Prompt[] = [];
    for (const connection of this.#up()) {
      for (const prompt of await this.#safely(connection, 'prompts', () => connection.listPrompts())) {
        const wire = wireNameOf(`${connection.plugin}/${prompt.name}`);
        owners.set(wire, { connection, name: prompt.name });
        all.push({ ...prompt, name: wire });
      }
    }
    this.#promptOwners = owners;
    return all;
  }

  /** @inheritdoc */
  async getPrompt(name: string, args: Readonly<Record<string, string>>, signal: AbortSignal): Promise<GetPromptResult> {
    if (!this.#promptOwners.has(name)) await this.listPrompts();
    const owner = this.#promptOwners.get(name);
    if (owner === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no MCP plugin offers the prompt '${name}' (list them with prompts/list)`);
    return owner.connection.getPrompt(owner.name, args, signal);
  }

  /** @inheritdoc */
  onDidChange(listener: (kind: ContentKind) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #up(): McpPluginConnection[] {
    return [...this.#connections.values()].map((entry) => entry.connection).filter((connection) => connection.state === 'up');
  }

  async #safely<T>(connection: McpPluginConnection, what: string, list: () => Promise<readonly T[]>): Promise<readonly T[]> {
    try {
      return await list();
    } catch (error) {
      this.logger.warn({ err: error }, `listing the ${what} of plugin '${connection.plugin}' failed`);
      return [];
    }
  }

  #changed(kind: ContentKind): void {
    for (const listener of [...this.#listeners]) listener(kind);
  }
}
