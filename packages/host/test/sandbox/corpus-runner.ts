import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { normalizePermissions, type PermissionEntry } from '@berth/sdk';
import { ProcessRunner, Supervisor, type SandboxMode, type SupervisedInstance } from '@berth/host';
import { runnable, type Harness } from './harness.js';

/** What became of one attack. */
export type Verdict = 'denied' | 'contained' | 'refused' | 'escaped';

/** One attack's outcome and the evidence behind it. */
export interface Outcome {
  readonly verdict: Verdict;
  readonly evidence: string;
}

/** The host-side bait: a TCP server and a UDP socket on 127.0.0.1 that record what reaches them. */
export interface Bait {
  readonly port: number;
  readonly udpPort: number;
  readonly seen: string[];
  close(): void;
}

export async function openBait(): Promise<Bait> {
  const seen: string[] = [];
  const server = net.createServer((socket) => {
    seen.push('tcp-connection');
    socket.on('data', (d) => seen.push(String(d).slice(0, 200)));
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const udp = dgram.createSocket('udp4');
  udp.on('message', (m) => seen.push(String(m).slice(0, 200)));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    udpPort: udp.address().port,
    seen,
    close: () => {
      server.close();
      udp.close();
    },
  };
}

function codeOf(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return `${e.code ?? ''} ${e.message ?? ''} | ${e.cause?.code ?? ''} ${e.cause?.message ?? ''}`.slice(0, 400);
}

async function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    setTimeout(() => (s.destroy(), resolve(false)), 1000);
  });
}

const waitFor = async (check: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
};

/** A supervised process runner with tight limits for the corpus, grants taken from each plugin.json. */
export function corpusRunner(h: Harness, mode: SandboxMode): Supervisor {
  return new Supervisor(
    new ProcessRunner({
      mode,
      grants: (p) => h.grants.get(p) ?? [],
      audit: (r) => h.audit.record(r),
      stallMs: 1000,
      heapMb: 64,
      addressSpaceMb: 1536,
      callTimeoutMs: 20_000,
      hostEnv: { ...process.env, SECRET_TOKEN: 's3cret', ALLOWED_VAR: 'fine' },
    }),
    { maxCrashes: 3, backoffMs: 50, windowMs: 30_000 },
  );
}

/** Runs one attack folder and judges it from the host's side. */
export async function runAttack(h: Harness, runner: Supervisor, bait: Bait, dir: string): Promise<Outcome> {
  const plugin = runnable(dir);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8')) as { permissions?: PermissionEntry[] };
  h.grants.set(plugin.name, normalizePermissions(manifest.permissions ?? []).map((g) => ({ ...g })));
  const token = path.basename(dir);
  const settings = { port: bait.port, udpPort: bait.udpPort, hostPid: process.pid, token };
  let instance: SupervisedInstance | undefined;
  try {
    instance = await runner.start(plugin, h.context(plugin, settings));
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { verdict: code === 'BERTH_GRANT_UNSAFE' ? 'refused' : 'contained', evidence: codeOf(error) };
  }
  try {
    if (token === 'crash-loop') {
      const looped = await waitFor(() => instance?.state === 'crashed-loop', 15_000);
      return { verdict: looped ? 'contained' : 'escaped', evidence: `state ${instance.state}` };
    }
    let outcome: Outcome;
    try {
      const result = await h.api.tools.call(`${plugin.name}/attack`, {});
      const data = (result.structuredContent ?? {}) as Record<string, unknown>;
      outcome = { verdict: data['escaped'] === true ? 'escaped' : 'denied', evidence: JSON.stringify(data).slice(0, 300) };
      if (typeof data['listening'] === 'number' && (await tryConnect(data['listening']))) outcome = { verdict: 'escaped', evidence: `host reached the plugin's server on ${String(data['listening'])}` };
      if (Object.hasOwn(data, '__proto__') || Object.hasOwn(data, 'constructor')) outcome = { verdict: 'escaped', evidence: 'dangerous keys reached the host' };
    } catch (error) {
      const crashed = (error as { cause?: { code?: string } }).cause?.code === 'BERTH_PLUGIN_CRASHED' || (error as { code?: string }).code === 'BERTH_PLUGIN_CRASHED';
      outcome = { verdict: crashed ? 'contained' : 'denied', evidence: codeOf(error) };
    }
    await new Promise((r) => setTimeout(r, 150));
    if (bait.seen.some((s) => s.includes(token))) return { verdict: 'escaped', evidence: `the host's bait received '${token}'` };
    if (fs.existsSync(`/tmp/berth-escape-${token}`)) return { verdict: 'escaped', evidence: 'wrote outside its folders' };
    if ((Object.prototype as Record<string, unknown>)['polluted'] !== undefined) return { verdict: 'escaped', evidence: 'polluted Object.prototype' };
    return outcome;
  } finally {
    await instance?.stop();
  }
}
