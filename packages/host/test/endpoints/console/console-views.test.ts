import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { until } from '../../support/until.js';
import { growsManifest, NO_CHROMIUM, openBrowser, screenshot, signIn, startConsoleServer, type ConsoleServer } from './support/console-server.js';

const rowOf = (page: Page, name: string) => page.locator('tbody tr').filter({ has: page.getByText(name, { exact: true }) });

describe.skipIf(NO_CHROMIUM !== undefined)('web console: the views, driven in Debian chromium' + (NO_CHROMIUM !== undefined ? ` (skipped: ${NO_CHROMIUM})` : ''), { timeout: 240_000 }, () => {
  let server: ConsoleServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser();
    page = browser.page;
    await signIn(page, server.url, server.token);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('plugins: every plugin with state, version, type, root, tier and why it is not active', async () => {
    await page.goto(`${server.url}/console/#/plugins`);
    const demo = rowOf(page, 'console-demo');
    await demo.waitFor();
    await expect(demo.textContent()).resolves.toMatch(/1\.0\.0.*tool.*active.*extra.*process/);
    await expect(rowOf(page, 'needs-grant').textContent()).resolves.toContain('waiting for approval of env (CONSOLE_DEMO_VAR)');
    await screenshot(page, 'plugins');
    // Disable and enable from the view: the host follows, the row follows live.
    await page.getByRole('button', { name: 'Disable hostile-markup' }).click();
    await until(() => rowOf(page, 'hostile-markup').textContent(), (t) => t?.includes('disabled') === true, 'hostile-markup disabled in the view');
    expect(server.host.get('hostile-markup')?.state).toBe('disabled');
    await page.getByRole('button', { name: 'Enable hostile-markup' }).click();
    await until(() => server.host.get('hostile-markup')?.state, (s) => s === 'active', 'hostile-markup active again');
    await until(() => rowOf(page, 'hostile-markup').textContent(), (t) => t?.includes('active') === true, 'hostile-markup active in the view');
  });

  it('approvals: a pending plugin, its permission in plain words; approving it makes it active, live', async () => {
    await page.goto(`${server.url}/console/#/approvals`);
    const card = page.getByRole('region', { name: 'Approval for needs-grant' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('env (CONSOLE_DEMO_VAR)');
    await expect(card.textContent()).resolves.toContain('risk:');
    await screenshot(page, 'approvals');
    await page.getByRole('link', { name: 'Plugins' }).click();
    await rowOf(page, 'needs-grant').waitFor();
    // Approve from the approvals view, then watch the plugins view turn it active without a reload.
    await page.goto(`${server.url}/console/#/approvals`);
    await page.getByRole('button', { name: 'Approve needs-grant' }).click();
    await page.getByText('Approve needs-grant: done').waitFor();
    expect(server.host.get('needs-grant')?.state).toBe('active');
    await page.getByRole('link', { name: 'Plugins' }).click();
    await until(() => rowOf(page, 'needs-grant').textContent(), (t) => t?.includes('active') === true && !t.includes('needs-approval'), 'needs-grant active in the view');
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByText('Nothing waits for approval.').waitFor();
  });

  it('approvals: a new version asking for more waits beside the running one; approving it lets the reload finish', async () => {
    await writeFile(path.join(server.extra, 'grows', 'plugin.json'), JSON.stringify(growsManifest('1.1.0', [{ permission: 'env', names: ['GROWS_VAR'] }])));
    const outcome = await server.ops.reloadPlugin('grows');
    expect(outcome.status).toBe('needs-approval');
    await page.goto(`${server.url}/console/#/approvals`);
    const card = page.getByRole('region', { name: 'Approval for grows' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('version 1.1.0 (running 1.0.0) asks for more');
    await expect(card.textContent()).resolves.toContain('env (GROWS_VAR)');
    await expect(card.textContent()).resolves.toContain('Not approving keeps the running version serving.');
    await page.getByRole('button', { name: 'Approve grows' }).click();
    await until(() => server.host.get('grows'), (p) => p?.version === '1.1.0' && p.state === 'active' && p.pendingReload === undefined, 'grows 1.1.0 to take over');
  });

  it('configuration: a setting saved from its form reaches the running plugin; errors inline; secrets write-only', async () => {
    await page.goto(`${server.url}/console/#/config?plugin=console-demo`);
    const greeting = page.getByRole('form', { name: 'Setting greeting' });
    await greeting.getByLabel(/^greeting/).fill('bonjour');
    await greeting.getByRole('button', { name: 'Save' }).click();
    await greeting.getByText('Saved', { exact: true }).waitFor();
    const seen = await until(async () => (await server.ops.callTool('console-demo/settings', {})).structuredContent as { greeting: string }, (s) => s.greeting === 'bonjour', 'the plugin to see bonjour');
    expect(seen.greeting).toBe('bonjour');

    // Out of range: the store refuses it, the form says why next to the field, nothing is saved.
    const retries = page.getByRole('form', { name: 'Setting retries' });
    await retries.getByLabel(/^retries/).fill('99');
    await retries.getByRole('button', { name: 'Save' }).click();
    const error = retries.locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/10|maximum|<=/);
    expect((await server.ops.getSetting('console-demo', 'retries')).value).toBe(3);

    // A secret: typed, saved, never shown again (not in the field, not in the page).
    const secret = page.getByRole('form', { name: 'Setting api_key' });
    await secret.getByLabel(/^api_key/).fill('s3cr3t-value-xyz');
    await secret.getByRole('button', { name: 'Save' }).click();
    await secret.getByText('A secret is set (write-only).').waitFor();
    await until(async () => ((await server.ops.callTool('console-demo/settings', {})).structuredContent as { api_key_set: boolean }).api_key_set, (v) => v, 'the plugin to see its secret');
    await page.reload();
    await page.getByRole('form', { name: 'Setting api_key' }).waitFor();
    expect(await page.content()).not.toContain('s3cr3t-value-xyz');
    expect(await page.getByRole('form', { name: 'Setting api_key' }).getByLabel(/^api_key/).inputValue()).toBe('');
    await page.getByRole('form', { name: 'Setting retries' }).getByLabel(/^retries/).fill('99');
    await page.getByRole('form', { name: 'Setting retries' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('form', { name: 'Setting retries' }).locator('.field-error').waitFor();
    await screenshot(page, 'configuration');
  });

  it('audit: a hostile plugin\u2019s denied access appears without reloading the page', async () => {
    await page.goto(`${server.url}/console/#/audit`);
    await page.getByLabel('Decision').selectOption('denied');
    await page.locator('main table, main p.note').first().waitFor();
    const denials = () => page.locator('tbody tr').filter({ hasText: 'hostile-markup' }).filter({ hasText: 'filesystem.read' });
    const before = await denials().count();
    await expect(server.host.api.tools.call('hostile-markup/steal', {})).rejects.toThrow();
    await until(() => denials().count(), (n) => n > before, 'the denial in the audit view');
    const row = denials().first();
    expect(await row.textContent()).toContain('/etc/passwd');
    expect(await row.textContent()).toContain('denied');
    await screenshot(page, 'audit');
    // Filtered by plugin: only its records remain.
    await page.getByLabel('Plugin').selectOption('console-demo');
    await until(() => page.locator('tbody tr').filter({ hasText: 'hostile-markup' }).count(), (n) => n === 0, 'the filter to apply');
    expect(await page.locator('tbody tr').filter({ hasText: 'console-demo' }).count()).toBeGreaterThan(0);
  });

  it('tools: a call from the form generated from the input schema returns the tool\u2019s result', async () => {
    await page.goto(`${server.url}/console/#/tools`);
    await page.getByRole('button', { name: 'Try console-demo/greet' }).click();
    const form = page.getByRole('form', { name: 'Call console-demo/greet' });
    // Required fields are checked before the call.
    await form.getByRole('button', { name: 'Call' }).click();
    await form.getByText('name is required').waitFor();
    await form.getByLabel(/^name/).fill('Ada');
    await form.getByLabel(/^times/).fill('2');
    await form.getByRole('button', { name: 'Call' }).click();
    const result = page.getByTestId('tool-result');
    await result.waitFor();
    expect(await result.textContent()).toBe('bonjour, Ada! bonjour, Ada!');
    await screenshot(page, 'tools');
  });

  it('grants: revoking a permission stops the plugin that needs it', async () => {
    await page.goto(`${server.url}/console/#/grants`);
    const revoke = page.getByRole('button', { name: 'Revoke env (CONSOLE_DEMO_VAR) from needs-grant' });
    await revoke.waitFor();
    await screenshot(page, 'grants');
    await revoke.click();
    await until(() => server.host.get('needs-grant')?.state, (s) => s === 'needs-approval', 'needs-grant to wait for approval again');
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('region', { name: 'Approval for needs-grant' }).waitFor();
  });

  it('providers: the models, and a streaming chat through the OpenAI-compatible routes', async () => {
    await page.goto(`${server.url}/console/#/providers`);
    await page.getByRole('cell', { name: /echo-1/ }).first().waitFor();
    const model = await page.locator('#chat-model option').filter({ hasText: 'echo-1' }).first().getAttribute('value');
    await page.getByLabel('Model').selectOption(model ?? '');
    await page.getByLabel('Message').fill('hello from the console');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Done', { exact: true }).waitFor();
    expect(await page.getByTestId('chat-answer').textContent()).toContain('hello from the console');
    await screenshot(page, 'providers');
  });

  it('health: tier, process and restarts per plugin, with CPU and memory charts; reload events', async () => {
    await server.ops.reloadPlugin('console-demo');
    await page.goto(`${server.url}/console/#/health`);
    const row = rowOf(page, 'console-demo');
    await until(() => row.locator('svg').count(), (n) => n >= 2, 'two charts for console-demo', 60_000);
    expect(await row.textContent()).toMatch(/process \(bubblewrap\)|process/);
    expect(await row.textContent()).toMatch(/pid \d+/);
    await page.getByText(/console-demo reloaded 1\.0\.0/).waitFor();
    await screenshot(page, 'health');
  });

  it('keyboard and a narrow window: the views are reachable by keyboard and nothing overflows at 420 px', async () => {
    await page.goto(`${server.url}/console/#/plugins`);
    await page.reload();
    await rowOf(page, 'console-demo').waitFor();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // first view link
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`${server.url}/console/#/plugins`);
    await rowOf(page, 'console-demo').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'plugins-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
