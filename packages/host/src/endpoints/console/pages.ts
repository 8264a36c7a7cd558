import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Where the bundled front end is: `dist/console/` of this package, written by `npm run build` (esbuild) — beside
 * this module once built, or found from the sources (tests run them directly).
 */
export const CONSOLE_ASSETS_DIR = [new URL('../../console/', import.meta.url), new URL('../../../dist/console/', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(path.join(dir, 'app.js'))) ?? fileURLToPath(new URL('../../console/', import.meta.url));

const ASSETS: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Assets a browser may load before signing in (the style sheet of the sign-in page; it holds no data). */
export const PUBLIC_ASSETS: readonly string[] = ['app.css'];

/** A bundled asset by name, with its content type; undefined when it is not one of ours or was not built. */
export async function readAsset(name: string): Promise<{ body: Buffer; type: string } | undefined> {
  const type = ASSETS[name];
  if (type === undefined) return undefined;
  try {
    return { body: await readFile(path.join(CONSOLE_ASSETS_DIR, name)), type };
  } catch {
    return undefined;
  }
}

const head = (title: string, extra = ''): string =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  `${extra}<title>${title}</title><link rel="stylesheet" href="/console/assets/app.css"></head>`;

/**
 * The sign-in page: a form posting the server's token (no script). `problem` is one of our own fixed sentences,
 * never request data.
 */
export function signInPage(problem?: 'wrong-token' | 'signed-out'): string {
  const note =
    problem === 'wrong-token'
      ? '<p class="error" role="alert">That is not this server\u2019s token.</p>'
      : problem === 'signed-out'
        ? '<p class="note" role="status">You are signed out.</p>'
        : '';
  return (
    head('Sign in \u2014 Berth console') +
    '<body class="sign-in"><main><h1>Berth console</h1>' +
    '<p>Sign in with the token of this <code>berth serve</code>. It is in the file that <code>berth serve</code> names when it starts, or in <code>BERTH_TOKEN</code>.</p>' +
    note +
    '<form method="post" action="/console/sign-in">' +
    '<label for="token">Server token</label>' +
    '<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>' +
    '<button type="submit" class="primary">Sign in</button></form></main></body></html>'
  );
}

/** The console's page for a signed-in browser: the bundle, and the session's CSRF token for its requests. */
export function appPage(csrf: string): string {
  // The CSRF token is base64url (no characters HTML would read); still, only [A-Za-z0-9_-] pass.
  const safe = csrf.replace(/[^A-Za-z0-9_-]/g, '');
  return (
    head('Berth console', `<meta name="berth-csrf" content="${safe}">`) +
    '<body><div id="app"><p class="loading">Loading\u2026</p></div><script type="module" src="/console/assets/app.js"></script></body></html>'
  );
}
