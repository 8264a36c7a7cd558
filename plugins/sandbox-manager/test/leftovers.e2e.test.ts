import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerTag } from '../src/labels.js';
import { bwrapCase, dockerCase, labelledContainers } from './support/backends.js';
import type { BackendCase } from './support/backends.js';
import { startPlugin } from './support/harness.js';

const RUNNER = fileURLToPath(new URL('./support/run-plugin.mjs', import.meta.url));

/** Runs the built plugin in a child that creates `count` sandboxes; resolves with their ids and a killer. */
async function childRun(settings: object, dataDir: string, count: number): Promise<{ ids: string[]; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, [RUNNER, JSON.stringify(settings), dataDir, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`the plugin child exited (${code}) before creating its sandboxes`)));
  });
  const kill = (): Promise<void> => new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  return { ids: JSON.parse(line) as string[], kill };
}

/** Processes whose command line holds `text` (bubblewrap sandboxes' commands run on the host). */
function hostProcesses(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}

/** Acceptance 4: after killing the plugin mid-run, after restarting, and after the suite, nothing labelled is left beyond what the settings keep. */
for (const load of [dockerCase, bwrapCase]) {
  describe(`leftovers (${load.name.replace('Case', '')})`, () => {
    let backend: BackendCase;
    const dataDirs: string[] = [];
    const newDataDir = async (): Promise<string> => {
      const dir = await mkdtemp(join(tmpdir(), 'berth-sbm-left-'));
      dataDirs.push(dir);
      return dir;
    };
    /** The sandboxes of an installation still on the backend. */
    const remaining = async (dataDir: string): Promise<string[]> => {
      if (backend.name === 'docker') return labelledContainers(ownerTag(dataDir));
      const plugin = await startPlugin({ ...backend.settings, on_start_leftovers: 'adopt' }, dataDir);
      const ids = (await (await plugin.runtime.manager()).backend.findAll()).map((s) => s.id);
      await (await plugin.runtime.manager()).close(true);
      return ids;
    };
    beforeAll(async () => {
      backend = await load();
    }, 120_000);
    afterAll(async () => {
      if (backend.skip !== undefined) return;
      for (const dir of dataDirs) expect(await remaining(dir), `after the suite, ${dir}`).toEqual([]);
    }, 60_000);

    it('removes, at the next start, what a plugin killed mid-run left, its commands included', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const dataDir = await newDataDir();
      const { ids, kill } = await childRun(backend.settings, dataDir, 2);
      expect(ids).toHaveLength(2);
      await kill();
      expect((await remaining(dataDir)).sort()).toEqual([...ids].sort());
      const restarted = await startPlugin({ ...backend.settings, on_start_leftovers: 'remove' }, dataDir);
      // bubblewrap sandboxes die with the plugin (--die-with-parent) once set up; a kill racing their start-up is
      // caught here: removing a leftover kills every process of its host user.
      if (backend.name === 'bwrap') expect(hostProcesses('sleep 300').filter((l) => ids.some((id) => l.includes(id)))).toEqual([]);
      expect(restarted.runtime.leftovers).toEqual({ adopted: [], removed: expect.arrayContaining(ids) });
      expect((await restarted.call('list', {}))['sandboxes']).toEqual([]);
      await restarted.stop();
      expect(await remaining(dataDir)).toEqual([]);
    }, 120_000);

    it('keeps sandboxes on stop when keep_on_stop, adopts the live ones at restart and drops the expired ones', async (ctx) => {
      if (backend.skip !== undefined) return ctx.skip(backend.skip);
      const dataDir = await newDataDir();
      const settings = { ...backend.settings, keep_on_stop: true, on_start_leftovers: 'adopt' };
      const first = await startPlugin(settings, dataDir);
      const live = String((await first.call('create', { lifetime_seconds: 600 }))['id']);
      await first.call('write_file', { sandbox: live, path: 'kept.txt', content: 'still here' });
      const expiring = String((await first.call('create', { lifetime_seconds: 1 }))['id']);
      await first.stop();
      expect((await remaining(dataDir)).sort()).toEqual([live, expiring].sort());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const second = await startPlugin(settings, dataDir);
      expect(second.runtime.leftovers).toEqual({ adopted: [live], removed: [expiring] });
      const listed = (await second.call('list', {}))['sandboxes'] as { id: string; adopted: boolean }[];
      expect(listed.map((s) => [s.id, s.adopted])).toEqual([[live, true]]);
      expect(await second.call('read_file', { sandbox: live, path: 'kept.txt' })).toMatchObject({ content: 'still here' });
      const third = await startPlugin({ ...backend.settings, keep_on_stop: false }, dataDir);
      await second.runtime.close();
      expect(third.runtime.leftovers?.removed).toEqual([live]);
      await third.stop();
      expect(await remaining(dataDir)).toEqual([]);
    }, 120_000);
  });
}
