import type { RpcConnection } from '../../rpc/connection.js';
import { fromWireError } from '../../rpc/wire-error.js';

/** The child's side of the channel, as the proxy context uses it. */
export interface HostLink {
  /** Sends a request to the host; rejects with the host's error rebuilt (e.g. `PermissionDeniedError`). */
  request<T>(method: string, params: object, signal?: AbortSignal): Promise<T>;
  /** Sends a notification. */
  notify(method: string, params?: object): void;
}

/** Wraps a connection as a {@link HostLink}: an `AbortSignal` becomes `$/cancelRequest`. */
export function hostLink(connection: RpcConnection): HostLink {
  return {
    async request<T>(method: string, params: object, signal?: AbortSignal): Promise<T> {
      try {
        return (await connection.sendRequest(method, params, signal)) as T;
      } catch (error) {
        throw fromWireError(error);
      }
    },
    notify(method: string, params?: object): void {
      connection.sendNotification(method, params);
    },
  };
}
