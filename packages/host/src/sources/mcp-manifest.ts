import path from 'node:path';
import { PackageNotServerError, type PluginManifestInput } from '@berth/sdk';
import { derivePermissions } from './derive-grants.js';
import type { InstalledTree } from './install-tree.js';
import type { McpAddOptions } from './lock-file.js';

/** The bin file to run: the only one, the one named by `--bin`, or the one named like the package. */
export function chooseBin(tree: Pick<InstalledTree, 'packageJson' | 'packageName'>, wanted: string | undefined): string {
  const bin = tree.packageJson.bin;
  const spec = `${tree.packageName}@${tree.packageJson.version}`;
  if (bin === undefined) throw new PackageNotServerError(spec, 'its package.json has no "bin" (no command to start)', 'add an MCP server package (one with a bin), or write its plugin.json by hand');
  if (typeof bin === 'string') return bin;
  const names = Object.keys(bin);
  const pick = wanted ?? (names.length === 1 ? names[0] : names.find((n) => n === tree.packageName.split('/').pop()));
  const file = pick !== undefined ? bin[pick] : undefined;
  if (file === undefined) {
    throw new PackageNotServerError(spec, `it has several commands (${names.join(', ')})${wanted !== undefined ? ` and none is '${wanted}'` : ''}`, `choose one with --bin <${names.join('|')}>`);
  }
  return file;
}

/** Valid setting names for secrets passed through `--secret NAME`. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The `plugin.json` of an added MCP server: type `mcp`, the package's bin file run with Node (so it is sandboxed
 * like every plugin), the user's arguments and environment, a secret setting per `--secret`, and the permissions
 * derived from the job ({@link derivePermissions}).
 */
export function mcpManifest(name: string, tree: InstalledTree, installDir: string, add: McpAddOptions): PluginManifestInput {
  const bin = chooseBin(tree, add.bin);
  const script = path.relative(installDir, path.resolve(tree.packageDir, bin)).split(path.sep).join('/');
  if (script.startsWith('..')) throw new PackageNotServerError(tree.packageName, `its bin ${bin} points outside the package`, 'report it to the package author');
  for (const secret of add.secrets) {
    if (!SECRET_NAME.test(secret)) throw new PackageNotServerError(tree.packageName, `'${secret}' is not a valid secret name`, 'use letters, digits and _');
  }
  const env: Record<string, string> = { ...add.env, ...Object.fromEntries(add.secrets.map((s) => [s, `\${config.${s}}`])) };
  const description = typeof tree.packageJson.description === 'string' ? tree.packageJson.description : undefined;
  return {
    name,
    version: tree.version,
    type: 'mcp',
    ...(description !== undefined ? { description } : {}),
    server: { command: 'node', args: [script, ...add.args], ...(Object.keys(env).length > 0 ? { env } : {}) },
    permissions: derivePermissions(add),
    configuration: Object.fromEntries(add.secrets.map((s) => [s, { type: 'string' as const, secret: true, required: true, description: `the ${s} the server reads from its environment` }])),
  };
}
