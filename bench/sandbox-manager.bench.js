// The Sandbox Manager's tools against the bare tools doing the same, measured in the same run (medians, interleaved):
//   Docker:      create + exec `true` + destroy through the plugin's tools   vs   docker run -d (same hardening flags)
//                + docker exec <id> true + docker rm -f <id> with the docker CLI                    (aim ≤ 1.2×)
//   bubblewrap:  create + exec `true` + destroy through the plugin's tools   vs   one bare `bwrap … true` (aim ≤ 1.2×)
// The tools are called on the built plugin (plugins/sandbox-manager/dist) in this process, as the host's trusted tier
// would; the CLIs are spawned as an agent would shell out. Each part is skipped without its engine.
// Run standalone: node bench/sandbox-manager.bench.js [--json]
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { createSandboxManagerPlugin } from '../plugins/sandbox-manager/dist/index.js';

const sh = promisify(execFile);
const IMAGE = 'berth-bench/sandbox-busybox:latest';
const ROUNDS = 10;
const WARMUP = 2;
const AIM_RATIO = 1.2;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;

/** Milliseconds `fn` takes. */
async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Builds a busybox image with every applet (sh, sleep, chmod, rm, kill) from Debian's busybox-static; never pulls. */
async function ensureImage() {
  if (await sh('docker', ['image', 'inspect', IMAGE]).then(() => true, () => false)) return;
  const root = await mkdtemp(path.join(tmpdir(), 'berth-bench-sbm-'));
  try {
    const rootfs = path.join(root, 'rootfs');
    await mkdir(path.join(rootfs, 'bin'), { recursive: true });
    await mkdir(path.join(rootfs, 'tmp'), { recursive: true });
    await chmod(path.join(rootfs, 'tmp'), 0o1777);
    await copyFile('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
    await chmod(path.join(rootfs, 'bin', 'busybox'), 0o755);
    const applets = (await sh('/bin/busybox', ['--list'])).stdout.split('\n').filter((a) => a !== '' && a !== 'busybox');
    for (const applet of applets) await symlink('busybox', path.join(rootfs, 'bin', applet));
    await sh('tar', ['-C', rootfs, '-cf', path.join(root, 'rootfs.tar'), '.']);
    await sh('docker', ['import', '--change', 'ENV PATH=/bin', path.join(root, 'rootfs.tar'), IMAGE]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The built plugin started in this process with `settings`; returns a tool caller and a stopper. */
async function startPlugin(settings) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'berth-bench-sbm-data-'));
  const tools = new Map();
  const context = {
    plugin: { name: 'sandbox-manager', version: '1.0.0', dir: process.cwd() },
    config: { get: (key) => settings[key], all: () => settings },
    logger: pino({ level: 'silent' }),
    dataDir,
    tools: { register: (d) => (tools.set(d.name, d), () => tools.delete(d.name)), list: async () => [], call: async () => ({ content: [] }) },
  };
  const instance = createSandboxManagerPlugin();
  await instance.plugin.initialize(context);
  const call = async (name, args) => (await tools.get(name).handler(args, { signal: new AbortController().signal, progress() {} })).structuredContent;
  return { call, stop: async () => (await instance.plugin.dispose(), await rm(dataDir, { recursive: true, force: true })) };
}

/** One round through the tools: create + exec true + destroy. */
async function toolRound(call) {
  const { id } = await call('create', { memory_mb: 256 });
  const ran = await call('exec', { sandbox: id, command: ['true'] });
  if (ran.exit_code !== 0) throw new Error(`exec true exited ${ran.exit_code}: ${ran.stderr}`);
  await call('destroy', { sandbox: id });
}

/** One round with the docker CLI, with the flags the plugin uses. */
async function dockerCliRound() {
  const flags = ['--init', '--read-only', '--tmpfs', '/tmp:rw,nosuid,nodev,size=256m,mode=1777', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
    '--network', 'none', '--memory', '256m', '--memory-swap', '256m', '--cpus', '1', '--pids-limit', '128', '--user', '65534:65534', '-v', '/workspace',
    '--label', 'berth.managed=true', '--label', 'berth.bench=sandbox-manager'];
  const id = (await sh('docker', ['run', '-d', ...flags, '--entrypoint', 'sleep', IMAGE, '2147483647'])).stdout.trim();
  await sh('docker', ['exec', id, 'true']);
  await sh('docker', ['rm', '-f', '-v', id]);
}

/** One bare bubblewrap run of `true`, with the profile the plugin uses (less the per-sandbox folders). */
async function bareBwrapRound() {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--unshare-user', '--uid', '65534', '--gid', '65534', '--clearenv',
    '--ro-bind', '/usr', '/usr', '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--proc', '/proc', '--dev', '/dev',
    '--tmpfs', '/tmp', '--remount-ro', '/', '--', 'true'];
  await sh('bwrap', args);
}

/** Interleaved rounds of both after a warm-up: the medians. */
async function compare(ours, theirs) {
  for (let i = 0; i < WARMUP; i++) (await ours(), await theirs());
  const a = [];
  const b = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(await time(ours));
    b.push(await time(theirs));
  }
  return { ours: median(a), theirs: median(b) };
}

/** The bench: `{ name, results, ratios, aims }`. */
export async function run() {
  const results = {};
  const ratios = {};
  const aims = [];
  const skipped = [];
  if (await sh('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 }).then(() => true, () => false)) {
    await ensureImage();
    const plugin = await startPlugin({ backend: 'docker', default_image: IMAGE });
    try {
      const d = await compare(() => toolRound(plugin.call), dockerCliRound);
      results['docker: tools create+exec+destroy (ms, median)'] = round(d.ours);
      results['docker: CLI run+exec+rm (ms, median)'] = round(d.theirs);
      ratios['docker tools / docker CLI'] = round(d.ours / d.theirs);
      aims.push({ aim: `Docker: tools ≤ ${AIM_RATIO}× the docker CLI`, actual: `${round(d.ours / d.theirs)}×`, met: d.ours / d.theirs <= AIM_RATIO });
    } finally {
      await plugin.stop();
    }
  } else skipped.push('docker (no engine)');
  if (await sh('sh', ['-c', 'command -v bwrap && command -v prlimit']).then(() => true, () => false)) {
    const plugin = await startPlugin({ backend: 'bwrap' });
    try {
      const b = await compare(() => toolRound(plugin.call), bareBwrapRound);
      results['bwrap: tools create+exec+destroy (ms, median)'] = round(b.ours);
      results['bwrap: bare bwrap true (ms, median)'] = round(b.theirs);
      ratios['bwrap tools / bare bwrap'] = round(b.ours / b.theirs);
      aims.push({ aim: `bubblewrap: tools ≤ ${AIM_RATIO}× a bare bwrap run`, actual: `${round(b.ours / b.theirs)}×`, met: b.ours / b.theirs <= AIM_RATIO });
    } finally {
      await plugin.stop();
    }
  } else skipped.push('bwrap (not installed)');
  if (aims.length === 0) return { name: 'sandbox-manager', skipped: skipped.join('; ') };
  if (skipped.length > 0) results['skipped parts'] = skipped.join('; ');
  return { name: 'sandbox-manager', results, ratios, aims };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = process.argv.includes('--json');
  const report = await run({ json });
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${JSON.stringify(report, null, 2)}\n`);
}
void fileURLToPath;
