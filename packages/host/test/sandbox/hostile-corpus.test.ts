import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceRef } from '@berth/sdk';
import { protectHostProcess, ProcessRunner, type PluginInstance, type SandboxMode } from '@berth/host';
import { corpusRunner, openBait, runAttack, type Bait, type Outcome, type Verdict } from './corpus-runner.js';
import { createHarness, FIXTURES, HOSTILE, runnable, type Harness } from './harness.js';
import { EXPECTED } from './hostile-expected.js';

const ONLY = process.env['BERTH_CORPUS_ONLY']?.split(',');
const ATTACKS = fs
  .readdirSync(HOSTILE)
  .filter((d) => fs.existsSync(path.join(HOSTILE, d, 'plugin.json')) && (ONLY === undefined || ONLY.includes(d)))
  .sort();
const CONCURRENCY = 3;

describe.each(['bwrap', 'nobwrap'] as const)('hostile corpus (%s)', (mode: SandboxMode) => {
  let h: Harness;
  let bait: Bait;
  let good: PluginInstance;
  const outcomes = new Map<string, Outcome>();
  const wellBehaved = { ok: 0, failed: [] as string[] };

  beforeAll(async () => {
    protectHostProcess();
    h = createHarness();
    bait = await openBait();
    h.api.services.provideHost(createServiceRef<{ ping(): Promise<string> }>({ id: 'test.docker', permission: 'docker.access' }), () => ({ ping: async () => 'pong' }));
    const goodPlugin = runnable(`${FIXTURES}good`);
    good = await new ProcessRunner({ mode, grants: () => [] }).start(goodPlugin, h.context(goodPlugin));
    let running = true;
    const loop = (async () => {
      while (running) {
        try {
          const r = await h.api.tools.call('good/echo', { n: wellBehaved.ok });
          if ((r.structuredContent?.['args'] as { n: number }).n === wellBehaved.ok) wellBehaved.ok++;
          else wellBehaved.failed.push('wrong answer');
        } catch (error) {
          wellBehaved.failed.push((error as Error).message);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const runner = corpusRunner(h, mode);
    const queue = [...ATTACKS];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let attack = queue.shift(); attack !== undefined; attack = queue.shift()) {
          outcomes.set(attack, await runAttack(h, runner, bait, path.join(HOSTILE, attack)));
        }
      }),
    );
    running = false;
    await loop;
    const report = process.env['BERTH_CORPUS_REPORT'];
    if (report !== undefined) fs.writeFileSync(`${report}-${mode}.json`, JSON.stringify(Object.fromEntries(outcomes), null, 1));
  }, 600_000);

  afterAll(async () => {
    await good?.stop();
    bait?.close();
    for (const attack of ATTACKS) fs.rmSync(`/tmp/berth-escape-${attack}`, { force: true });
    h?.cleanup();
  });

  it('has at least 30 attacks, each a real plugin folder', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(30);
    for (const attack of ATTACKS) expect(EXPECTED[attack], `expected outcome of ${attack}`).toBeDefined();
  });

  it.each(ATTACKS)('%s: outcome as expected for this mode, and audited', (attack) => {
    const outcome = outcomes.get(attack);
    const expected = EXPECTED[attack]?.[mode];
    const allowed: readonly Verdict[] = typeof expected === 'string' ? [expected] : (expected ?? []);
    expect({ attack, verdict: outcome?.verdict, evidence: outcome?.evidence }).toMatchObject({ attack, verdict: expect.toBeOneOf([...allowed]) });
    if (!allowed.includes('escaped')) {
      const denials = h.audit.read({ plugin: `hostile-${attack}`, allowed: false }).map((r) => r.permission);
      expect(denials, `denied audit records of ${attack}`).toEqual(expect.arrayContaining([expect.toBeOneOf([...(EXPECTED[attack]?.audit ?? [])])]));
    }
  });

  it('the host stayed up and its inspector stayed closed', () => {
    expect(inspector.url()).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a well-behaved plugin called in parallel during the whole corpus succeeded on every call', () => {
    expect(wellBehaved.failed).toEqual([]);
    expect(wellBehaved.ok).toBeGreaterThan(20);
  });
});
