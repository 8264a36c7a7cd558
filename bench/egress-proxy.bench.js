// The egress proxy (issue 13): connect latency and throughput to a TCP server on 127.0.0.1, direct against through
// the plugin's egress proxy, in the same run. Two proxied paths: (a) what a Node plugin's preload does — the proxy's
// UNIX socket plus Berth's one-line preamble; (b) what a non-Node program does — SOCKS5 to the in-namespace relay
// (the real relay script, as a child process), relayed to the proxy's UNIX socket. "Connect" is the time until the
// connection is usable: connected, and a 1-byte ping answered by the server. Throughput: 64 MiB one way, until
// the server has counted every byte. Aims: connect ≤ 1 ms extra at p50, throughput ≥ 0.8× direct.
// Plain Node ESM over the built host (dist/). Run standalone: node bench/egress-proxy.bench.js
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { relayEntry, startEgressProxy } from '../packages/host/dist/index.js';

const CONNECTS = 400;
const WARMUP = 50;
const BYTES = 64 * 1024 * 1024;
const ROUNDS = 3;

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A server that answers each 'p' with 'P' and, for a byte stream, says how many bytes it got when it ends. */
async function target() {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    let count = 0;
    socket.on('data', (d) => {
      if (d.length === 1 && d[0] === 0x70) return void socket.write('P');
      count += d.length;
    });
    socket.on('end', () => socket.end(String(count)));
    socket.on('error', () => undefined);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => server.close() };
}

/** Resolves once `bytes` arrived on the socket (returns them). */
const read = (socket, bytes) =>
  new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= bytes) {
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });

/** The three ways to open a usable connection to the target. */
function openers(port, proxySocket, relayPort) {
  return {
    direct: () => net.connect({ host: '127.0.0.1', port, noDelay: true, allowHalfOpen: true }),
    preamble: () => {
      const s = net.connect({ path: proxySocket, allowHalfOpen: true });
      s.write(`BERTH/1 127.0.0.1 ${port}\n`);
      return s;
    },
    socks5: () => {
      const s = net.connect({ host: '127.0.0.1', port: relayPort, noDelay: true, allowHalfOpen: true });
      const req = Buffer.from([0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x01, 127, 0, 0, 1, port >> 8, port & 0xff]);
      s.write(req);
      // The method reply (2 bytes) and the CONNECT reply (10 bytes) come before the server's bytes.
      s.socksReply = read(s, 12);
      return s;
    },
  };
}

async function usable(open) {
  const t = performance.now();
  const s = open();
  if (s.socksReply !== undefined) {
    const reply = await s.socksReply;
    if (reply[1] !== 0x00 || reply[3] !== 0x00) throw new Error('SOCKS5 refused');
  }
  s.write('p');
  await read(s, 1);
  const ms = performance.now() - t;
  s.destroy();
  return ms;
}

async function throughput(open) {
  const s = open();
  if (s.socksReply !== undefined) await s.socksReply;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const t = performance.now();
  const answer = new Promise((resolve) => {
    let text = '';
    s.on('data', (d) => (text += d));
    s.on('end', () => resolve(text));
  });
  for (let sent = 0; sent < BYTES; sent += chunk.length) if (!s.write(chunk)) await new Promise((r) => s.once('drain', r));
  s.end();
  const got = Number(await answer);
  if (got !== BYTES) throw new Error(`the server got ${got} of ${BYTES} bytes`);
  return BYTES / 1024 / 1024 / ((performance.now() - t) / 1000);
}

/** The real in-namespace relay, as a child process here (no namespace: the bench measures the hops). */
async function startRelay(proxySocket) {
  const probe = net.createServer();
  await new Promise((r) => probe.listen(0, '127.0.0.1', r));
  const relayPort = probe.address().port;
  await new Promise((r) => probe.close(r));
  const config = JSON.stringify({ socket: proxySocket, proxyPort: relayPort, forwards: [] });
  const child = spawn(process.execPath, [relayEntry(), config, process.execPath, '-e', 'setInterval(() => {}, 1e9)'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(relayPort, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // SIGTERM: the relay passes it to its child and exits as it exits (outside a PID namespace, SIGKILL would orphan the child).
  return { relayPort, stop: () => child.kill('SIGTERM') };
}

/** A bare TCP forwarder in another process (no proxy, no policy): what any user-space hop costs, for reference. */
async function startBareForwarder(targetPort) {
  const script = `const net = require('node:net'); const s = net.createServer({ allowHalfOpen: true }, (c) => { const u = net.connect({ host: '127.0.0.1', port: ${targetPort}, allowHalfOpen: true }); c.pipe(u); u.pipe(c); c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); }); s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  return { port, stop: () => child.kill('SIGKILL') };
}

export async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-egress-'));
  const server = await target();
  let decisions = 0;
  const proxy = await startEgressProxy({ plugin: 'bench', socketPath: path.join(dir, 'egress.sock'), scopes: [`127.0.0.1:${server.port}`], onDecision: () => decisions++ });
  const relay = await startRelay(proxy.socketPath);
  const bare = await startBareForwarder(server.port);
  try {
    const ways = { ...openers(server.port, proxy.socketPath, relay.relayPort), bareHop: () => net.connect({ host: '127.0.0.1', port: bare.port, noDelay: true, allowHalfOpen: true }) };
    const connect = { direct: [], preamble: [], socks5: [], bareHop: [] };
    const mbps = { direct: [], preamble: [], socks5: [], bareHop: [] };
    for (const open of Object.values(ways)) for (let i = 0; i < WARMUP; i++) await usable(open);
    // Interleaved rounds, so machine noise hits every contestant alike.
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, open] of Object.entries(ways)) for (let i = 0; i < CONNECTS / ROUNDS; i++) connect[name].push(await usable(open));
      for (const [name, open] of Object.entries(ways)) mbps[name].push(await throughput(open));
    }
    const p50 = (xs) => quantile(xs, 0.5);
    const best = (xs) => Math.max(...xs);
    const extraPreamble = p50(connect.preamble) - p50(connect.direct);
    const extraSocks = p50(connect.socks5) - p50(connect.direct);
    const ratioPreamble = best(mbps.preamble) / best(mbps.direct);
    const ratioSocks = best(mbps.socks5) / best(mbps.direct);
    return {
      name: 'egress proxy',
      results: {
        'connect p50 direct (ms)': round(p50(connect.direct), 3),
        'connect p50 via proxy, preamble (Node plugins) (ms)': round(p50(connect.preamble), 3),
        'connect p50 via relay + SOCKS5 (other programs) (ms)': round(p50(connect.socks5), 3),
        'connect p99 direct / preamble / socks5 (ms)': `${round(quantile(connect.direct, 0.99), 3)} / ${round(quantile(connect.preamble, 0.99), 3)} / ${round(quantile(connect.socks5, 0.99), 3)}`,
        'throughput direct (MiB/s)': round(best(mbps.direct), 0),
        'throughput via proxy, preamble (MiB/s)': round(best(mbps.preamble), 0),
        'throughput via relay + SOCKS5 (MiB/s)': round(best(mbps.socks5), 0),
        'reference: one bare forwarder process, no proxy: connect p50 (ms) / throughput (MiB/s)': `${round(p50(connect.bareHop), 3)} / ${round(best(mbps.bareHop), 0)}`,
        'decisions audited': decisions,
      },
      ratios: {
        'throughput preamble / direct': round(ratioPreamble),
        'throughput socks5 via relay / direct': round(ratioSocks),
        'throughput socks5 via relay / one bare forwarder process': round(best(mbps.socks5) / best(mbps.bareHop)),
      },
      aims: [
        { aim: 'connect ≤ 1 ms extra at p50 (preamble)', actual: `${round(extraPreamble, 3)} ms`, met: extraPreamble <= 1 },
        { aim: 'connect ≤ 1 ms extra at p50 (relay + SOCKS5)', actual: `${round(extraSocks, 3)} ms`, met: extraSocks <= 1 },
        { aim: 'throughput ≥ 0.8× direct (preamble)', actual: `${round(ratioPreamble)}×`, met: ratioPreamble >= 0.8 },
        { aim: 'throughput ≥ 0.8× direct (relay + SOCKS5)', actual: `${round(ratioSocks)}×`, met: ratioSocks >= 0.8 },
      ],
    };
  } finally {
    relay.stop();
    bare.stop();
    await proxy.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
