/**
 * The in-namespace relay: the first process inside a plugin's empty network namespace (run by bubblewrap, before
 * the plugin). It offers the egress proxy (a UNIX socket bound into the namespace) on the namespace's own loopback —
 * one port for HTTP(S)_PROXY/ALL_PROXY, plus each granted loopback endpoint (`127.0.0.1:5432`) as the same address
 * — then runs the plugin's command and exits as it exits. It is not a trust boundary: every byte it forwards goes
 * to the proxy in the host, which decides. A plugin that kills it only loses its own network.
 *
 * Usage: `node relay.js '<RelayConfig JSON>' <command> [args…]`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { RelayConfig } from './config.js';

const [configText, command, ...args] = process.argv.slice(2);
const config = JSON.parse(configText ?? '{}') as RelayConfig;
/** Larger stream buffers: fewer, bigger reads and writes per hop (measured in bench/egress-proxy.bench.js). */
const HWM = 256 * 1024;

function relay(client: net.Socket, preamble: string | undefined): void {
  const upstream = net.connect({ path: config.socket, allowHalfOpen: true, highWaterMark: HWM } as net.NetConnectOpts);
  if (preamble !== undefined) upstream.write(preamble);
  // Half-close kept both ways: `nc` shuts its side down after the request and still reads the answer.
  client.pipe(upstream);
  upstream.pipe(client);
  const end = (): void => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
}

function listen(host: string, port: number, preamble: string | undefined): Promise<void> {
  return new Promise((resolve) => {
    const server = net.createServer({ noDelay: true, allowHalfOpen: true, highWaterMark: HWM }, (client) => relay(client, preamble));
    server.once('error', (error) => {
      process.stderr.write(`berth relay: cannot offer ${host}:${port} in the sandbox: ${error.message}\n`);
      resolve();
    });
    server.listen({ host, port }, () => resolve());
  });
}

await Promise.all([
  listen('127.0.0.1', config.proxyPort, undefined),
  ...config.forwards.map((f) => listen(f.host, f.port, `BERTH/1 ${f.host} ${f.port}\n`)),
]);

const hasChannel = ((): boolean => {
  try {
    fs.fstatSync(3);
    return true;
  } catch {
    return false;
  }
})();
const child = spawn(command ?? 'false', args, { stdio: hasChannel ? ['inherit', 'inherit', 'inherit', 3] : 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`berth relay: cannot start ${command ?? ''}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal !== null) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
