// The docker-mcp plugin's run-container and exec tools against the docker CLI doing the same, in the same run:
//   container_run {image: busybox, command: [true], wait, auto_remove}  vs  docker run --rm busybox true   (aim ≤ 1.1×)
//   container_exec {command: [true]}                                     vs  docker exec <id> true          (aim ≤ 1.1×)
//   container_run as Berth runs it, through the host's docker.access policy socket, vs docker run --rm (reported)
// The tools are called by the official MCP SDK client over stdio against the built server (plugins/docker-mcp/dist),
// exactly as an agent calls them; the CLI is spawned as an agent would shell out. Skipped without a Docker engine.
// Run standalone: node bench/docker.bench.js [--json]
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, copyFile, chmod, symlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startDockerPolicyProxy } from '../packages/host/dist/docker/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const sh = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(here, '..', 'plugins', 'docker-mcp', 'dist', 'index.js');
const IMAGE = 'berth-test/busybox:latest';
const ROUNDS = 15;
const WARMUP = 2;

/** Builds the busybox image from Debian's busybox-static when missing (never pulls). */
async function ensureImage() {
  try {
    await sh('docker', ['image', 'inspect', IMAGE]);
    return;
  } catch {}
  const root = await mkdtemp(path.join(tmpdir(), 'berth-bench-busybox-'));
  try {
    await mkdir(path.join(root, 'rootfs', 'bin'), { recursive: true });
    await mkdir(path.join(root, 'rootfs', 'tmp'), { recursive: true });
    await copyFile('/bin/busybox', path.join(root, 'rootfs', 'bin', 'busybox'));
    await chmod(path.join(root, 'rootfs', 'bin', 'busybox'), 0o755);
    for (const applet of ['sh', 'true', 'sleep', 'cat', 'echo']) await symlink('busybox', path.join(root, 'rootfs', 'bin', applet));
    await sh('tar', ['-C', path.join(root, 'rootfs'), '-cf', path.join(root, 'rootfs.tar'), '.']);
    await sh('docker', ['import', '--change', 'ENV PATH=/bin', path.join(root, 'rootfs.tar'), IMAGE]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Milliseconds one call takes. */
async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;

/** Calls a tool and fails loudly on a tool error. */
async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${result.content?.[0]?.text}`);
  return result.structuredContent;
}

/** Interleaves the two contenders `ROUNDS` times (after a warm-up) and returns their medians in ms. */
async function duel(ours, theirs) {
  for (let i = 0; i < WARMUP; i++) (await ours(), await theirs());
  const a = [];
  const b = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(await time(ours));
    b.push(await time(theirs));
  }
  return { ours: median(a), theirs: median(b) };
}

/** Connects an MCP client to the built server with `settings`. */
async function connect(settings) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [SERVER], env: { ...process.env, BERTH_SETTINGS: JSON.stringify(settings) }, stderr: 'ignore' });
  const client = new Client({ name: 'berth-docker-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The bench: `{ name, results, ratios, aims }`, or `{ skipped }` without Docker. */
export async function run() {
  try {
    await sh('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 });
  } catch (error) {
    return { name: 'docker', skipped: `no Docker engine answers (${String(error.message).split('\n')[0]})` };
  }
  await ensureImage();
  const client = await connect({});
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-bench-proxy-'));
  const proxy = await startDockerPolicyProxy({ plugin: 'docker-mcp-tools', upstreamSocket: '/var/run/docker.sock', socketPath: path.join(dir, 'docker.sock') });
  const proxied = await connect({ docker_socket: proxy.socketPath });
  try {
    const runTool = () => call(client, 'container_run', { image: IMAGE, command: ['true'], wait: true, auto_remove: true });
    const runCli = () => sh('docker', ['run', '--rm', IMAGE, 'true']);
    const runs = await duel(runTool, runCli);
    const box = await call(client, 'container_run', { image: IMAGE, command: ['sleep', '600'] });
    const execTool = () => call(client, 'container_exec', { container: box.id, command: ['true'] });
    const execCli = () => sh('docker', ['exec', box.id, 'true']);
    const execs = await duel(execTool, execCli);
    const runRatio = runs.ours / runs.theirs;
    const execRatio = execs.ours / execs.theirs;
    const viaProxy = await duel(() => call(proxied, 'container_run', { image: IMAGE, command: ['true'], wait: true, auto_remove: true }), runCli);
    const proxyRatio = viaProxy.ours / viaProxy.theirs;
    return {
      name: 'docker',
      results: {
        'container_run true (tool) median ms': round(runs.ours),
        'docker run --rm true (CLI) median ms': round(runs.theirs),
        'container_exec true (tool) median ms': round(execs.ours),
        'docker exec true (CLI) median ms': round(execs.theirs),
        'container_run true through the policy socket median ms': round(viaProxy.ours),
        'docker run --rm true (CLI, same duel) median ms': round(viaProxy.theirs),
        rounds: `${ROUNDS} interleaved after ${WARMUP} warm-up`,
      },
      ratios: {
        'container_run / docker run --rm': round(runRatio),
        'container_exec / docker exec': round(execRatio),
        'container_run via policy socket / docker run --rm': round(proxyRatio),
      },
      aims: [
        { aim: 'run-container tool ≤ 1.1× docker run --rm', actual: `${round(runRatio)}×`, met: runRatio <= 1.1 },
        { aim: 'exec tool ≤ 1.1× docker exec', actual: `${round(execRatio)}×`, met: execRatio <= 1.1 },
      ],
    };
  } finally {
    await client.close();
    await proxied.close();
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await run();
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
