import rpc from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { fromWireError } from '../../rpc/wire-error.js';

/** The child's side of the channel, as the proxy context uses it. */
export interface HostLink {
  /** Sends a request to the host; rejects with the host's error rebuilt (e.g. `PermissionDeniedError`). */
  request<T>(method: string, params: object, signal?: AbortSignal): Promise<T>;
  /** Sends a notification. */
  notify(method: string, params?: object): void;
}

/** Wraps a connection as a {@link HostLink}: an `AbortSignal` becomes `$/cancelRequest`. */
export function hostLink(connection: MessageConnection): HostLink {
  return {
    async request<T>(method: string, params: object, signal?: AbortSignal): Promise<T> {
      const source = new rpc.CancellationTokenSource();
      const onAbort = (): void => source.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return (await connection.sendRequest(method, params, source.token)) as T;
      } catch (error) {
        throw fromWireError(error);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        source.dispose();
      }
    },
    notify(method: string, params?: object): void {
      void connection.sendNotification(method, params);
    },
  };
}
