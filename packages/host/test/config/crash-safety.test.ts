import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonText } from '@berth/host';
import { requireBuiltHost, startFixture, tempDir } from './helpers.js';

const KILLS = 200;
const LANES = 4;

/** The exact text the store saves when setting `n` of plugin `crash` is `n`. */
const expectedText = (n: number): string => jsonText({ plugins: { crash: { settings: { n } } } });

/** Start a saving child, SIGKILL it at a random moment of its save loop, and return the last save it reported. */
async function killMidSave(configDir: string): Promise<number | undefined> {
  const child = startFixture('save-loop.mjs', [configDir]);
  let out = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/^ready\n\d+\n/u.test(out)) resolve(); // it is in its save loop
    });
    child.on('close', () => reject(new Error(`the saving child ended before it was killed: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
  child.kill('SIGKILL');
  await closed; // everything it wrote to the pipe before dying has been read
  const saves = out.split('\n').slice(1).filter((line) => /^\d+$/u.test(line)).map(Number);
  return saves.at(-1);
}

describe('crash safety (issue 5, point 2)', () => {
  const dirs: { dir: string; cleanup: () => Promise<void> }[] = [];
  beforeAll(async () => {
    requireBuiltHost();
    for (let i = 0; i < LANES; i += 1) dirs.push(await tempDir('berth-crash-'));
  });
  afterAll(async () => Promise.all(dirs.map((d) => d.cleanup())));

  it(`after each of ${KILLS} SIGKILLs mid-save the file parses and holds the old or the new content`, async () => {
    let kills = 0;
    const lane = async (configDir: string): Promise<void> => {
      const file = join(configDir, 'config.json');
      let known: number | undefined;
      while (kills < KILLS) {
        kills += 1;
        const reported = await killMidSave(configDir);
        const last = reported ?? known ?? 0;
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text === undefined) {
          expect(known, 'the file vanished after it had been saved').toBeUndefined();
          continue;
        }
        const n = (JSON.parse(text) as { plugins: { crash: { settings: { n: number } } } }).plugins.crash.settings.n;
        expect([last, last + 1], `kill ${kills}: file holds n=${n}`).toContain(n);
        expect(text).toBe(expectedText(n));
        known = n;
      }
      expect(known, 'no save ever completed in this lane').toBeGreaterThan(0);
    };
    await Promise.all(dirs.map((d) => lane(d.dir)));
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 600_000); // about 40 s on an idle 2-core machine; each kill costs a Node start-up, much slower under load
});
