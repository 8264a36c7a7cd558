import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmPluginFolder } from '../../../../test/support/npm-plugin.js';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from './serve-client.js';

// Issue 19, point 5: the published @playwright/mcp drives Debian's chromium from inside the sandbox, as a
// sandboxed mcp plugin (installed by copy, called through berth serve's /mcp). Its grants are exactly these:
// process.spawn scoped to /usr/bin/chromium (Debian's wrapper script, which execs /usr/lib/chromium/chromium) and
// reads of the wrapper's configuration (/etc/chromium.d, /etc/chromium). Its profile and output live in
// ${pluginData}. Without the configuration grant the wrapper dies at once, and the plugin's log and the audit log
// say which program died, how, and what it last wrote to stderr.

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env['CI'] === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing (apt-get install chromium)`);
if (!present) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

const run = promisify(execFile);
const serverArgs = [
  '@playwright/mcp', '--headless', '--no-sandbox', '--executable-path', CHROMIUM,
  '--user-data-dir', '${pluginData}/profile', '--output-dir', '${pluginData}/output',
];
const spawnChromium = { permission: 'process.spawn', programs: [CHROMIUM] };
const wrapperConfig = { permission: 'filesystem.read', paths: ['/etc/chromium.d', '/etc/chromium'] };
const page = `data:text/html,${encodeURIComponent('<title>berth</title><h1>Hello from a confined browser</h1>')}`;

async function installed(permissions: readonly unknown[]): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const made = await tempHome();
  const folder = npmPluginFolder({
    packages: ['@playwright/mcp'],
    manifest: { name: 'playwright', version: '1.0.0', type: 'mcp', description: 'A browser for the assistant (Playwright MCP).', permissions, server: { command: 'npx', args: serverArgs } },
  });
  const result = await runBerth(made.home, ['plugins', 'install', folder, '--yes']);
  rmSync(path.dirname(folder), { recursive: true, force: true });
  expect(result.code, result.stderr).toBe(0);
  return made;
}

describe.skipIf(!present)('@playwright/mcp with Debian chromium, sandboxed', { timeout: 300_000 }, () => {
  const homes: { cleanup: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const h of homes) await h.cleanup();
  });

  it('opens a page and reads it back, with only process.spawn(/usr/bin/chromium) and the wrapper configuration granted', async () => {
    const { home, cleanup } = await installed([spawnChromium, wrapperConfig]);
    homes.push({ cleanup });
    const served = await serveAndConnect(home);
    try {
      const navigated = await served.client.call('playwright__browser_navigate', { url: page });
      expect(navigated).toContain('Page URL: data:text/html');
      const snapshot = await served.client.call('playwright__browser_snapshot', {});
      expect(snapshot).toMatch(/heading "Hello from a confined browser"|Hello from a confined browser/);
      await served.client.call('playwright__browser_close', {});
    } finally {
      await served.stop();
    }
    // The browser's profile lives in the plugin's data folder, nowhere else.
    expect(existsSync(path.join(home, 'data', 'plugin-data', 'playwright', 'profile'))).toBe(true);
  });

  it('a browser that dies at start is named in the log and the audit, with its exit status and last stderr lines', async () => {
    const { home, cleanup } = await installed([spawnChromium]);
    homes.push({ cleanup });
    const served = await serveAndConnect(home);
    try {
      await expect(served.client.call('playwright__browser_navigate', { url: page })).rejects.toThrow(/closed|failed/i);
      await expect
        .poll(() => served.serve.stderr(), { timeout: 20_000 })
        .toContain(`a program plugin 'playwright' started, ${CHROMIUM}`);
      expect(served.serve.stderr()).toMatch(/exited with code 2; its last stderr lines:\\n.*cannot open \/etc\/chromium\.d/);
    } finally {
      await served.stop();
    }
    const audit = JSON.parse((await runBerth(home, ['audit', '--plugin', 'playwright', '--json'])).stdout) as { permission: string; target?: string; detail?: string }[];
    expect(audit).toContainEqual(expect.objectContaining({ permission: 'process.spawn', target: CHROMIUM, detail: expect.stringMatching(/^exited with code 2: .*\/etc\/chromium\.d/) }));
  });

  it('refuses to start any other program (process.spawn is scoped to chromium)', async () => {
    // The real binary is readable (so the driver finds it) but not among the programs it may start.
    const { home, cleanup } = await installed([spawnChromium, wrapperConfig, { permission: 'filesystem.read', paths: ['/usr/lib/chromium'] }]);
    homes.push({ cleanup });
    // Same server, pointed at the binary behind the wrapper: the sandbox refuses the spawn and says why.
    const manifestFile = path.join(home, 'data', 'plugins', 'playwright', 'plugin.json');
    await run(process.execPath, ['-e', `const f=${JSON.stringify(manifestFile)};const fs=require('fs');const m=JSON.parse(fs.readFileSync(f));m.server.args[4]='/usr/lib/chromium/chromium';fs.writeFileSync(f,JSON.stringify(m))`]);
    const served = await serveAndConnect(home);
    try {
      await expect(served.client.call('playwright__browser_navigate', { url: page })).rejects.toThrow(/'\/usr\/lib\/chromium\/chromium' is not among the programs the plugin's 'process.spawn' grant names/);
    } finally {
      await served.stop();
    }
    const audit = JSON.parse((await runBerth(home, ['audit', '--plugin', 'playwright', '--denied', '--json'])).stdout) as { permission: string; target?: string }[];
    expect(audit).toContainEqual(expect.objectContaining({ permission: 'process.spawn', target: '/usr/lib/chromium/chromium' }));
  });
});
