import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parentsNow, sampleTree } from '../../../../src/endpoints/console/health/proc-sample.js';

describe('proc samples: CPU and memory of a process and its descendants', () => {
  it('counts a child under its parent, and its CPU time grows as it works', async () => {
    // A busy child of this process: the tree of this process holds it.
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 1500; while (Date.now() < end) {}'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const first = sampleTree(process.pid, parentsNow());
      expect(first).toBeDefined();
      expect(first!.processes).toBeGreaterThanOrEqual(2);
      expect(first!.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
      await new Promise((r) => setTimeout(r, 800));
      const mine = sampleTree(child.pid!, parentsNow());
      expect(mine!.cpuTicks).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });

  it('a process that is gone has no sample', () => {
    expect(sampleTree(2 ** 22 + 12345, parentsNow())).toBeUndefined();
  });
});
