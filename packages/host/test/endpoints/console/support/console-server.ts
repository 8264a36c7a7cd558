import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { HostOperations, serveHost, type PluginHost, type ServingHost } from '@berth/host';
import { tempHost } from '../../../support/temp-host.js';

const repo = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', '..');
/** The console test fixtures. */
export const consoleFixtures = path.join(repo, 'packages', 'host', 'test', 'fixtures', 'console');
/** Debian's chromium: without it the browser tests are skipped with this reason (under CI=true they fail instead). */
export const NO_CHROMIUM = !existsSync('/usr/bin/chromium') && process.env['CI'] !== 'true' ? 'no /usr/bin/chromium (apt-get install chromium)' : undefined;

/** Where screenshots go (a test artefact, gitignored). */
export const SHOTS_DIR = path.join(repo, 'test-results', 'console');
/** Where the docs' screenshots go, when BERTH_UPDATE_DOCS_IMAGES=1. */
export const DOC_SHOTS_DIR = path.join(repo, 'docs', 'images', 'console');

/** A folder name with markup: discovery reports it as a broken plugin under that name. */
export const MARKUP_FOLDER = `<img src=x onerror="window.__berthPwned='folder'">`;

/** The manifest of the `grows` test plugin at a version, with its permissions. */
export function growsManifest(version: string, permissions: readonly unknown[]): Record<string, unknown> {
  return { name: 'grows', version, type: 'tool', main: 'index.js', description: 'Its next version asks for more.', permissions };
}

/** A running `berth serve` (HTTP, console on) over the console fixtures, echo-provider and a broken plugin. */
export interface ConsoleServer {
  readonly host: PluginHost;
  readonly serving: ServingHost;
  readonly url: string;
  readonly token: string;
  readonly ops: HostOperations;
  /** The extra plugin root (a temporary folder). */
  readonly extra: string;
  close(): Promise<void>;
}

/** Starts one. */
export async function startConsoleServer(): Promise<ConsoleServer> {
  const extra = await mkdtemp(path.join(os.tmpdir(), 'berth-console-root-'));
  // A link (as `berth dev` makes): the example resolves @berth/sdk from the repository.
  await symlink(path.join(repo, 'examples', 'echo-provider'), path.join(extra, 'echo-provider'));
  // A plugin whose next version asks for more (a pending reload).
  await mkdir(path.join(extra, 'grows'));
  await writeFile(path.join(extra, 'grows', 'package.json'), '{ "type": "module", "private": true }');
  await writeFile(path.join(extra, 'grows', 'index.js'), 'export default { initialize() {} };\n');
  await writeFile(path.join(extra, 'grows', 'plugin.json'), JSON.stringify(growsManifest('1.0.0', [])));
  await mkdir(path.join(extra, MARKUP_FOLDER));
  await writeFile(path.join(extra, MARKUP_FOLDER, 'plugin.json'), JSON.stringify({ name: `<script>window.__berthPwned='name'</script>`, version: 'x' }));
  const made = await tempHost([
    { kind: 'extra', dir: consoleFixtures },
    { kind: 'extra', dir: extra },
  ]);
  await made.host.start();
  const stopConfig = await made.host.watchConfig({ debounceMs: 20 });
  const token = 'console-test-token-0123456789';
  const ops = new HostOperations(made.host);
  const serving = await serveHost(made.host, { port: 0, token, logger: pino({ level: 'silent' }), ops });
  return {
    host: made.host,
    serving,
    url: serving.url ?? '',
    token,
    ops,
    extra,
    close: async () => {
      await serving.close();
      await stopConfig();
      await made.cleanup();
      await rm(extra, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium through playwright-core, a fresh profile, 1280×800. */
export async function openBrowser(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'berth-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/console/`);
  if ((await page.locator('#token').count()) === 0) return page.getByRole('navigation', { name: 'Views' }).waitFor();
  await page.getByLabel('Server token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
}

/** The screenshots docs/console.md shows (the others stay test artefacts). */
const DOC_SHOTS = new Set(['sign-in', 'plugins', 'approvals', 'configuration', 'audit', 'tools', 'providers', 'health', 'plugins-narrow', 'inert-markup-tool']);

/** Saves a screenshot as a test artefact (and for the docs when BERTH_UPDATE_DOCS_IMAGES=1). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (process.env['BERTH_UPDATE_DOCS_IMAGES'] === '1' && DOC_SHOTS.has(name)) {
    await mkdir(DOC_SHOTS_DIR, { recursive: true });
    await cp(file, path.join(DOC_SHOTS_DIR, `${name}.png`));
  }
}
