import net from 'node:net';
import rpc from 'vscode-jsonrpc/node';
import { STATUS_METHOD, type StatusAnswer } from './protocol.js';

/** What is at a control socket path: nothing, a dead socket left by a server that died, or a live server. */
export type SocketProbe = { readonly kind: 'none' } | { readonly kind: 'stale' } | { readonly kind: 'live'; readonly status?: StatusAnswer; readonly socket: net.Socket };

/** Connects to `socket`; a live server is asked for its status (within `timeoutMs`) and the connection left open. */
export async function probeSocket(socket: string, timeoutMs = 5_000): Promise<SocketProbe> {
  const connected = await new Promise<net.Socket | 'none' | 'stale'>((resolve) => {
    const s = net.connect(socket);
    s.once('connect', () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' || error.code === 'ENOTSOCK' ? 'stale' : 'none'));
  });
  if (connected === 'none' || connected === 'stale') return { kind: connected };
  const connection = rpc.createMessageConnection(new rpc.SocketMessageReader(connected), new rpc.SocketMessageWriter(connected));
  connection.listen();
  let timer: NodeJS.Timeout | undefined;
  const status = await Promise.race([
    connection.sendRequest<StatusAnswer>(STATUS_METHOD).catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
  ]);
  clearTimeout(timer);
  connection.dispose();
  return { kind: 'live', socket: connected, ...(status !== undefined ? { status } : {}) };
}
