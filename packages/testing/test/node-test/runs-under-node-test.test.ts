import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';

test('@berth/testing works under node:test too (its built package, outside vitest)', async () => {
  const file = path.join(import.meta.dirname, 'denied.node-test.mjs');
  const result = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, ['--test', file], { timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, out: stdout + stderr }),
    );
  });
  expect(result.code, result.out).toBe(0);
  expect(result.out).toMatch(/# pass 2/);
}, 150_000);
