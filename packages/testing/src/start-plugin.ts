import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { formatManifestProblem, TestPluginNotStartedError } from '@berth/sdk';
import { ConfigStore, loadManifest, PluginHost, SettingsSchema } from '@berth/host';
import { logSink, tapEvents, type CapturedEvent, type CapturedLog } from './capture.js';
import { grantsFor } from './grants.js';
import type { StartPluginOptions } from './options.js';
import { TestPlugin } from './test-plugin.js';

/**
 * Starts the plugin in `dir` the way `berth serve` runs it — in the real process tier (a child process under
 * bubblewrap where the machine has it, and Node's permission model), or as an MCP server for `mcp` plugins — with
 * the grants, settings and secrets the test chooses, its configuration and data in a fresh temporary folder.
 * Resolves once the plugin is active; throws {@link TestPluginNotStartedError} (naming the plugin, its state and the
 * fix) when it cannot start. Call `stop()` afterwards (or `await using`).
 *
 * @example
 * ```ts
 * const plugin = await startPlugin('.', { config: { greeting: 'Hi' } });
 * assert.equal(await plugin.callText('greet', { name: 'Ada' }), 'Hi, Ada!');
 * await plugin.stop();
 * ```
 */
export async function startPlugin(dir: string, options: StartPluginOptions = {}): Promise<TestPlugin> {
  const folder = await realpath(path.resolve(dir));
  const loaded = await loadManifest(folder);
  if (!loaded.ok) {
    const problems = loaded.problems.map((p) => `  ${formatManifestProblem(p)}`).join('\n');
    throw new TestPluginNotStartedError(loaded.name ?? path.basename(folder), folder, 'invalid', `fix plugin.json (berth validate --fix ${dir}):\n${problems}`, loaded.error);
  }
  const { manifest } = loaded;
  const home = await realpath(await mkdtemp(path.join(os.tmpdir(), 'berth-testing-')));
  const cleanup = (): Promise<void> => rm(home, { recursive: true, force: true });
  try {
    const store = new ConfigStore({ configDir: path.join(home, 'config'), dataDir: path.join(home, 'data'), readProject: false });
    await store.load();
    await store.setGrants(manifest.name, grantsFor(manifest, options.grants), manifest.version);
    const schema = SettingsSchema.for(manifest.name, manifest.version, manifest.configuration);
    for (const [key, value] of Object.entries(options.config ?? {})) await store.setSetting(manifest.name, key, value, schema);
    for (const [key, value] of Object.entries(options.secrets ?? {})) {
      if (!schema.isSecret(key)) {
        throw new TestPluginNotStartedError(manifest.name, folder, 'not started', `"${key}" is not a secret setting of its plugin.json: pass it in config, or declare it with "secret": true`);
      }
      await store.setSetting(manifest.name, key, value, schema);
    }
    const root = path.join(home, 'root');
    await mkdir(root);
    await symlink(folder, path.join(root, path.basename(folder)), 'dir');
    const workspace = options.workspace ?? path.join(home, 'workspace');
    await mkdir(workspace, { recursive: true });
    const logs: CapturedLog[] = [];
    const events: CapturedEvent[] = [];
    const waiters = new Set<() => void>();
    const logger = pino({ level: 'debug' }, logSink(manifest.name, logs, options.echoLogs === true));
    const host = new PluginHost({
      cwd: home,
      roots: [{ kind: 'extra', dir: root }],
      config: store,
      logger,
      workspace,
      ...(options.sandbox !== undefined ? { sandboxMode: options.sandbox } : {}),
      ...(options.initializeTimeoutMs !== undefined ? { initializeTimeoutMs: options.initializeTimeoutMs } : {}),
    });
    // The bus exists once start() has begun and before any plugin runs: the first state change is early enough.
    const untap = host.onStateChange(() => {
      untap();
      tapEvents(host.api, manifest.name, events, () => waiters.forEach((wake) => wake()));
    });
    await host.start();
    const info = host.get(manifest.name);
    if (info?.state !== 'active') {
      await host.stop();
      const missing = info?.missingPermissions?.map((g) => g.permission).join(', ');
      const hint = info?.state === 'needs-approval'
        ? `it requests ${missing ?? 'permissions'} beyond the grants the test gave: add them to grants, or drop them from plugin.json`
        : 'see the cause, and the logs with echoLogs: true';
      const reason = info?.reason !== undefined ? Object.assign(new Error(info.reason.message), { code: info.reason.code }) : undefined;
      throw new TestPluginNotStartedError(manifest.name, folder, info?.state ?? 'missing', hint, reason);
    }
    return new TestPlugin({ host, manifest, dir: folder, workspace, dataDir: store.pluginDataDir(manifest.name), logs, events, waiters, cleanup });
  } catch (error) {
    await cleanup();
    throw error;
  }
}
