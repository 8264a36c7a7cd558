import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berthFolders, berthPaths, controlSocketPath, probeBwrap, ProcessRunner, protectHostProcess, type PluginInstance, type SandboxMode } from '@berth/host';
import { createHarness, HOSTILE, runnable, type Harness } from './harness.js';

const PLUGIN = path.join(HOSTILE, 'berth-folders', 'reach-berth-folders');
const NAME = 'hostile-reach-berth-folders';
const ATTACKS = ['write-config', 'replace-config', 'read-secrets', 'read-token', 'read-other-data', 'write-plugins'];
const CONFIG = JSON.stringify({ plugins: { [NAME]: { grants: [] } } });

/** A temporary Berth home inside the harness folder: the plugin is granted write access to that whole folder. */
function berthHome(h: Harness): { folders: string[]; settings: Record<string, string> } {
  const paths = berthPaths({ configDir: path.join(h.dir, 'config'), dataDir: path.join(h.dir, 'data') });
  const env = { XDG_RUNTIME_DIR: path.join(h.dir, 'run') };
  const socket = controlSocketPath(paths.dataDir, env);
  fs.mkdirSync(paths.configDir, { recursive: true });
  fs.mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(paths.dataDir, 'other'), { recursive: true });
  fs.writeFileSync(paths.configFile, CONFIG);
  fs.writeFileSync(paths.secretsFile, '{"openai":"sk-secret"}', { mode: 0o600 });
  fs.writeFileSync(`${socket}.token`, 'control-token', { mode: 0o600 });
  fs.writeFileSync(path.join(paths.dataDir, 'other', 'private.txt'), 'other plugin data');
  return {
    folders: berthFolders(paths, env),
    settings: { configFile: paths.configFile, secretsFile: paths.secretsFile, tokenFile: `${socket}.token`, otherData: path.join(paths.dataDir, 'other', 'private.txt'), dataDir: paths.dataDir },
  };
}

const bwrap = probeBwrap().usable;

describe.each(['bwrap', 'nobwrap'] as const)("a grant on a parent of Berth's folders (%s)", (mode: SandboxMode) => {
  let h: Harness;
  let home: ReturnType<typeof berthHome>;
  beforeAll(() => {
    protectHostProcess();
    h = createHarness();
    home = berthHome(h);
  });
  afterAll(() => h?.cleanup());

  const runner = (scope: string): ProcessRunner =>
    new ProcessRunner({
      mode,
      berthFolders: home.folders,
      audit: (r) => h.audit.record(r),
      grants: () => [
        { permission: 'filesystem.write', scope: [scope] },
        { permission: 'filesystem.read', scope: [scope] },
      ],
    });

  it.skipIf(mode === 'bwrap' && !bwrap)(mode === 'bwrap' ? 'hides them: config, secrets, token, other data untouchable; its own data writable' : 'refuses to start, naming the plugin, the grant and the fix', async () => {
    const plugin = runnable(PLUGIN);
    if (mode === 'nobwrap') {
      const error = await runner(h.dir)
        .start(plugin, h.context(plugin, home.settings))
        .then(async (started) => void (await started.stop()), (e: unknown) => e as Error & { code?: string });
      expect(error?.code).toBe('BERTH_GRANT_COVERS_BERTH');
      expect(error?.message).toContain(`'${NAME}'`);
      expect(error?.message).toContain(h.dir);
      expect(error?.message).toMatch(/filesystem\.(write|read)/);
      expect(error?.message).toContain('berth permissions revoke');
      expect(h.audit.read({ plugin: NAME, allowed: false }).map((r) => r.permission)).toEqual(expect.arrayContaining([expect.stringMatching(/^filesystem\./)]));
      return;
    }
    let instance: PluginInstance | undefined;
    try {
      instance = await runner(h.dir).start(plugin, h.context(plugin, home.settings));
      for (const attack of ATTACKS) {
        const result = await h.api.tools.call(`${NAME}/${attack}`, {});
        expect({ attack, ...result.structuredContent }).toMatchObject({ attack, escaped: false });
      }
      const own = await h.api.tools.call(`${NAME}/own-data`, {});
      expect(own.structuredContent).toMatchObject({ escaped: true, evidence: 'mine' });
    } finally {
      await instance?.stop();
    }
    expect(fs.readFileSync(home.settings['configFile'] as string, 'utf8')).toBe(CONFIG);
    expect(fs.existsSync(path.join(home.settings['dataDir'] as string, 'plugins', 'planted'))).toBe(false);
  }, 60_000);

  it.skipIf(mode === 'bwrap' && !bwrap)('still starts with a grant beside them, not over them', async () => {
    const work = path.join(h.dir, 'work');
    fs.mkdirSync(work, { recursive: true });
    const plugin = runnable(PLUGIN);
    const instance = await runner(work).start(plugin, h.context(plugin, home.settings));
    try {
      const own = await h.api.tools.call(`${NAME}/own-data`, {});
      expect(own.structuredContent).toMatchObject({ escaped: true });
    } finally {
      await instance.stop();
    }
  }, 60_000);
});
