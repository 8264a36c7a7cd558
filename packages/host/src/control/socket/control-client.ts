import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { JsonObject, JsonValue, ToolResult } from '@berth/sdk';
import { BerthError, ControlProtocolError } from '@berth/sdk/errors';
import rpc from 'vscode-jsonrpc/node';
import type { PluginInfo } from '../../lifecycle/plugin-record.js';
import type { AuditRecord } from '../../permissions/audit-log.js';
import type { SerializedReloadOutcome } from '../../reload/reload-outcome.js';
import { fromWireError } from '../../rpc/wire-error.js';
import type {
  AuditQuery,
  ControlEvent,
  ControlOperations,
  GrantRequest,
  LogQuery,
  PermissionsView,
  PluginDetails,
  PluginLogLine,
  RevokeRequest,
  SettingInput,
  SettingView,
  ToolListing,
  Unsubscribe,
} from '../types.js';
import { AUTHENTICATE_METHOD, controlTokenPath, CONTROL_METHOD_PREFIX, NOTIFY_METHOD, STATUS_METHOD, UNSUBSCRIBE_METHOD, type ControlNotification, type StatusAnswer } from './protocol.js';
import { checkPrivateDir } from './socket-path.js';

type Listener = (payload: ControlEvent | PluginLogLine) => void;

/**
 * {@link ControlOperations} of a running `berth serve`, over its control socket. {@link ControlClient.connect}
 * answers `undefined` when no server listens there (the caller then acts on the files). Errors come back as
 * `BerthError`s with the server's code, message and details.
 */
export class ControlClient implements ControlOperations {
  /** Always `live`: a running server answers. */
  readonly mode = 'live' as const;
  /** The socket path. */
  readonly socket: string;
  readonly #connection: rpc.MessageConnection;
  readonly #net: net.Socket;
  readonly #listeners = new Map<number, Listener>();
  readonly #early = new Map<number, (ControlEvent | PluginLogLine)[]>();
  #closed = false;

  private constructor(socket: string, connection: rpc.MessageConnection, sock: net.Socket) {
    this.socket = socket;
    this.#connection = connection;
    this.#net = sock;
    connection.onNotification(NOTIFY_METHOD, (payload: ControlNotification) => {
      const value = 'event' in payload ? payload.event : payload.line;
      const listener = this.#listeners.get(payload.id);
      if (listener !== undefined) listener(value);
      else this.#early.set(payload.id, [...(this.#early.get(payload.id) ?? []), value]);
    });
    connection.onClose(() => (this.#closed = true));
  }

  /** Connects to the server at `socket`; `undefined` when none listens there (no socket, or a dead one). */
  static async connect(socket: string): Promise<ControlClient | undefined> {
    // Only a socket this user owns, in a folder nobody else can swap, is a server of ours: never send a command
    // (a setting's value, a tool's arguments) to a socket someone else planted.
    const found = fs.lstatSync(socket, { throwIfNoEntry: false });
    if (found === undefined) return undefined;
    checkPrivateDir(path.dirname(socket));
    const uid = process.getuid?.();
    if (uid !== undefined && found.uid !== uid) throw new Error(`the control socket ${socket} belongs to uid ${String(found.uid)}, not to this user: refusing to talk to it`);
    const sock = await new Promise<net.Socket | undefined>((resolve) => {
      const s = net.connect(socket);
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(undefined));
    });
    if (sock === undefined) return undefined;
    const connection = rpc.createMessageConnection(new rpc.SocketMessageReader(sock), new rpc.SocketMessageWriter(sock));
    connection.listen();
    const client = new ControlClient(socket, connection, sock);
    let token: string;
    try {
      token = fs.readFileSync(controlTokenPath(socket), 'utf8');
    } catch (error) {
      client.close();
      throw new ControlProtocolError(socket, `cannot read the control token ${controlTokenPath(socket)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, error);
    }
    await client.#request<boolean>(AUTHENTICATE_METHOD, [token]).catch((error: unknown) => {
      client.close();
      throw error;
    });
    return client;
  }

  /** Who is serving, and whether its host has started. */
  status(): Promise<StatusAnswer> {
    return this.#request<StatusAnswer>(STATUS_METHOD, []);
  }

  /** Resolves when the server closes the connection (it stopped). */
  closed(): Promise<void> {
    return new Promise((resolve) => (this.#closed ? resolve() : this.#connection.onClose(() => resolve())));
  }

  /** Ends the connection (subscriptions end with it). */
  close(): void {
    this.#connection.dispose();
    this.#net.destroy();
  }

  /** {@inheritDoc ControlOperations.listPlugins} */
  listPlugins(): Promise<PluginInfo[]> {
    return this.#call('listPlugins');
  }
  /** {@inheritDoc ControlOperations.inspectPlugin} */
  inspectPlugin(name: string): Promise<PluginDetails> {
    return this.#call('inspectPlugin', name);
  }
  /** {@inheritDoc ControlOperations.enablePlugin} */
  enablePlugin(name: string): Promise<PluginInfo> {
    return this.#call('enablePlugin', name);
  }
  /** {@inheritDoc ControlOperations.disablePlugin} */
  disablePlugin(name: string): Promise<PluginInfo> {
    return this.#call('disablePlugin', name);
  }
  /** {@inheritDoc ControlOperations.reloadPlugin} */
  reloadPlugin(name: string): Promise<SerializedReloadOutcome> {
    return this.#call('reloadPlugin', name);
  }
  /** {@inheritDoc ControlOperations.loadNewPlugins} */
  loadNewPlugins(): Promise<PluginInfo[]> {
    return this.#call('loadNewPlugins');
  }
  /** {@inheritDoc ControlOperations.listPermissions} */
  listPermissions(plugin?: string): Promise<PermissionsView[]> {
    return this.#call('listPermissions', plugin ?? null);
  }
  /** {@inheritDoc ControlOperations.grantPermission} */
  grantPermission(plugin: string, request: GrantRequest): Promise<PermissionsView> {
    return this.#call('grantPermission', plugin, request as unknown as JsonObject);
  }
  /** {@inheritDoc ControlOperations.revokePermission} */
  revokePermission(plugin: string, request: RevokeRequest): Promise<PermissionsView> {
    return this.#call('revokePermission', plugin, request as unknown as JsonObject);
  }
  /** {@inheritDoc ControlOperations.listSettings} */
  listSettings(plugin: string): Promise<SettingView[]> {
    return this.#call('listSettings', plugin);
  }
  /** {@inheritDoc ControlOperations.getSetting} */
  getSetting(plugin: string, key: string): Promise<SettingView> {
    return this.#call('getSetting', plugin, key);
  }
  /** {@inheritDoc ControlOperations.setSetting} */
  setSetting(plugin: string, key: string, input: SettingInput): Promise<SettingView> {
    return this.#call('setSetting', plugin, key, input as unknown as JsonObject);
  }
  /** {@inheritDoc ControlOperations.unsetSetting} */
  unsetSetting(plugin: string, key: string): Promise<SettingView> {
    return this.#call('unsetSetting', plugin, key);
  }
  /** {@inheritDoc ControlOperations.listTools} */
  listTools(): Promise<ToolListing> {
    return this.#call('listTools');
  }
  /** {@inheritDoc ControlOperations.callTool} */
  callTool(id: string, args: JsonObject, options: { readonly timeoutMs?: number } = {}): Promise<ToolResult> {
    return this.#call('callTool', id, args, options as JsonObject);
  }
  /** {@inheritDoc ControlOperations.queryAudit} */
  queryAudit(query: AuditQuery = {}): Promise<AuditRecord[]> {
    return this.#call('queryAudit', query as JsonObject);
  }
  /** {@inheritDoc ControlOperations.readLogs} */
  readLogs(plugin: string, query: LogQuery = {}): Promise<PluginLogLine[]> {
    return this.#call('readLogs', plugin, query as JsonObject);
  }
  /** {@inheritDoc ControlOperations.followLogs} */
  async followLogs(plugin: string, listener: (line: PluginLogLine) => void): Promise<Unsubscribe> {
    return this.#stream(await this.#call<number>('followLogs', plugin), listener as Listener);
  }
  /** {@inheritDoc ControlOperations.subscribe} */
  async subscribe(listener: (event: ControlEvent) => void): Promise<Unsubscribe> {
    return this.#stream(await this.#call<number>('subscribe'), listener as Listener);
  }

  #stream(id: number, listener: Listener): Unsubscribe {
    this.#listeners.set(id, listener);
    for (const value of this.#early.get(id) ?? []) listener(value);
    this.#early.delete(id);
    return () => {
      this.#listeners.delete(id);
      if (!this.#closed) void this.#connection.sendRequest(UNSUBSCRIBE_METHOD, id).catch(() => undefined);
    };
  }

  #call<T>(operation: string, ...args: (JsonValue | undefined)[]): Promise<T> {
    // `undefined` does not survive JSON: trailing ones are dropped, others sent as null.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return this.#request<T>(`${CONTROL_METHOD_PREFIX}${operation}`, args.map((a) => a ?? null));
  }

  async #request<T>(method: string, params: JsonValue[]): Promise<T> {
    try {
      return await this.#connection.sendRequest<T>(method, rpc.ParameterStructures.byPosition, ...params);
    } catch (error) {
      if (error instanceof rpc.ResponseError && (error.data as { code?: unknown } | undefined)?.code !== undefined) {
        throw fromWireError(error, (code, message, details) => new BerthError(code, message, details));
      }
      throw new ControlProtocolError(this.socket, error instanceof Error ? error.message : String(error), error);
    }
  }
}
