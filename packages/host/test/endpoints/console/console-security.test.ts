import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKUP_FOLDER, NO_CHROMIUM, openBrowser, screenshot, signIn, startConsoleServer, type ConsoleServer } from './support/console-server.js';

describe.skipIf(NO_CHROMIUM !== undefined)('web console: security' + (NO_CHROMIUM !== undefined ? ` (skipped: ${NO_CHROMIUM})` : ''), { timeout: 180_000 }, () => {
  let server: ConsoleServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('without the token only the sign-in page is served', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/console/`);
    await expect(page.getByLabel('Server token').isVisible()).resolves.toBe(true);
    expect(await page.locator('nav').count()).toBe(0);
    await screenshot(page, 'sign-in');
    // The data and the bundle need a session; so does the event stream and the OpenAI routes behind it.
    for (const path of ['api/plugins', 'api/events', 'api/audit', 'api/v1/models', 'assets/app.js']) {
      const response = await fetch(`${server.url}/console/${path}`);
      expect(response.status, path).toBe(401);
    }
    // Any other page asked for is the sign-in page again.
    expect(await (await fetch(`${server.url}/console/anything`)).text()).toContain('Server token');
    // A wrong token gets the sign-in page back and no cookie.
    await page.getByLabel('Server token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not this server');
    expect((await browser.context.cookies()).filter((c) => c.name === 'berth_console')).toEqual([]);
    // The bearer token alone does not open the console (it is for MCP and /v1 clients): the console wants its session.
    const withBearer = await fetch(`${server.url}/console/api/plugins`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(withBearer.status).toBe(401);
    await page.close();
  });

  it('signing in sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, server.token);
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'berth_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.close();
  });

  it('a cross-origin POST is refused, even from a same-site page carrying the cookie', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, server.token);
    expect(server.host.get('console-demo')?.state).toBe('active');
    // A page on another port of the same loopback host: same-site, so the Strict cookie goes along.
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>evil</title><p>evil</p>');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    try {
      await page.goto(evilUrl);
      const target = `${server.url}/console/api/plugins/console-demo/disable`;
      const outcome = await page.evaluate(async (url) => {
        // A "simple" request (no preflight) with the cookie: the attack CSRF tokens exist for.
        // (The answer is unreadable to it anyway: Cross-Origin-Resource-Policy makes the fetch reject.)
        await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{}' }).catch(() => undefined);
        // And a form post, as a page would submit one.
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = url;
        document.body.appendChild(form);
        return 'sent';
      }, target);
      expect(outcome).toBe('sent');
      await page.evaluate(() => document.querySelector('form')?.submit());
      await page.waitForLoadState('load');
      expect(await page.locator('body').textContent()).toContain('same origin');
    } finally {
      evil.closeAllConnections();
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
    expect(server.host.get('console-demo')?.state).toBe('active');
    // The same POST from Node, with the right cookie but a foreign Origin, or without the CSRF token: 403 both.
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'berth_console');
    const headers = { cookie: `berth_console=${cookie?.value ?? ''}`, 'content-type': 'application/json' };
    const foreign = await fetch(`${server.url}/console/api/plugins/console-demo/disable`, { method: 'POST', headers: { ...headers, origin: 'http://127.0.0.1:1' } });
    expect(foreign.status).toBe(403);
    const noCsrf = await fetch(`${server.url}/console/api/plugins/console-demo/disable`, { method: 'POST', headers: { ...headers, origin: server.url } });
    expect(noCsrf.status).toBe(403);
    const otherSite = await fetch(`${server.url}/console/api/plugins/console-demo/disable`, { method: 'POST', headers: { ...headers, origin: 'https://evil.example' } });
    expect(otherSite.status).toBe(403);
    expect(server.host.get('console-demo')?.state).toBe('active');
    await page.close();
  });

  it('a plugin whose name, description, setting descriptions and tool output hold HTML and script is shown inert', async () => {
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await signIn(page, server.url, server.token);
    const pwned = (): Promise<unknown> => page.evaluate(() => (window as unknown as { __berthPwned?: string }).__berthPwned);

    // The broken plugin's name (its folder) and its reason, and the hostile plugin's description, shown as text.
    await page.getByText(MARKUP_FOLDER, { exact: true }).waitFor();
    await page.getByText(`<script>window.__berthPwned='description-script'</script>`, { exact: false }).waitFor();
    expect(await page.locator('table img, table script, table svg').count()).toBe(0);

    // Its description (inspect) and its setting's description (configuration).
    await page.goto(`${server.url}/console/#/config?plugin=hostile-markup`);
    await page.getByText(`window.__berthPwned='setting'`, { exact: false }).waitFor();
    expect(await page.locator('main img, main script, main a[href^="javascript"]').count()).toBe(0);
    await screenshot(page, 'inert-markup-settings');

    // Its tool's description, input description and output.
    await page.goto(`${server.url}/console/#/tools`);
    await page.getByRole('button', { name: 'Try hostile-markup/markup' }).click();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const result = page.getByTestId('tool-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`<script>window.__berthPwned='output-script'</script>`);
    expect(await page.locator('main img, main script, main svg:not(.chart svg)').count()).toBe(0);
    await screenshot(page, 'inert-markup-tool');

    await page.waitForTimeout(500);
    expect(await pwned()).toBeUndefined();
    expect(violations).toEqual([]);
    await page.close();
  });
});
