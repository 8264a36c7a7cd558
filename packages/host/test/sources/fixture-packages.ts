import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A tiny MCP server with no dependencies (newline-delimited JSON-RPC over stdio): one tool, `echo`. */
export const FIXTURE_SERVER = `#!/usr/bin/env node
import { createInterface } from 'node:readline';
const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.id === undefined) return;
  if (msg.method === 'initialize') {
    send({ id: msg.id, result: { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fixture', version: '1.0.0' } } });
  } else if (msg.method === 'tools/list') {
    send({ id: msg.id, result: { tools: [
      { name: 'echo', description: 'Echoes text.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
      { name: 'getenv', description: 'One environment variable.', inputSchema: { type: 'object', properties: { name: { type: 'string' } } } },
    ] } });
  } else if (msg.method === 'tools/call' && msg.params.name === 'getenv') {
    send({ id: msg.id, result: { content: [{ type: 'text', text: process.env[msg.params.arguments?.name] ?? '(unset)' }] } });
  } else if (msg.method === 'tools/call') {
    send({ id: msg.id, result: { content: [{ type: 'text', text: 'echo: ' + String(msg.params.arguments?.text) }] } });
  } else {
    send({ id: msg.id, error: { code: -32601, message: 'method not found' } });
  }
});
`;

/** What a fixture package holds. */
export interface FixturePackage {
  readonly name: string;
  readonly version: string;
  /** Extra package.json fields (bin, scripts…). */
  readonly packageJson?: Record<string, unknown>;
  /** Files by relative path. */
  readonly files: Record<string, string>;
}

/** Writes a fixture package into a fresh folder and packs it with `npm pack`; returns the folder and the tarball. */
export async function packFixture(fixture: FixturePackage, into?: string): Promise<{ folder: string; tarball: string }> {
  const base = into ?? (await mkdtemp(path.join(os.tmpdir(), 'berth-fixture-pkg-')));
  const folder = path.join(base, `${fixture.name.replace(/[@/]/g, '_')}-${fixture.version}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'package.json'), JSON.stringify({ name: fixture.name, version: fixture.version, type: 'module', ...fixture.packageJson }, null, 2));
  for (const [file, text] of Object.entries(fixture.files)) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), text);
  }
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', base], { cwd: folder });
  const tarball = path.join(base, stdout.trim().split('\n').pop() ?? '');
  return { folder, tarball };
}

/** An MCP server package (bin `server.js`), optionally with install scripts that try to write `marker`s. */
export function serverPackage(name: string, version: string, options: { readonly scriptsWriteTo?: string; readonly extra?: string } = {}): FixturePackage {
  const marker = options.scriptsWriteTo;
  const write = (what: string): string => `node -e "require('fs').writeFileSync(${JSON.stringify(`${marker ?? ''}/${what}`)}, 'ran')"`;
  return {
    name,
    version,
    packageJson: {
      bin: { [name.split('/').pop() ?? name]: 'server.js' },
      ...(marker !== undefined ? { scripts: { preinstall: write('preinstall'), install: write('install'), postinstall: write('postinstall'), prepare: write('prepare') } } : {}),
    },
    files: { 'server.js': FIXTURE_SERVER + (options.extra ?? '') },
  };
}
