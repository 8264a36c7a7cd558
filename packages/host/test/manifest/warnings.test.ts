import { describe, expect, test } from 'vitest';
import { validateManifest } from '@berth/host';

const FILE = 'w/plugin.json';
const base = { name: 'w', version: '1.0.0', type: 'tool', main: 'index.js' };
const warningsOf = (patch: Record<string, unknown>) => {
  const result = validateManifest({ ...base, ...patch }, FILE);
  if (!result.ok) throw result.error;
  return result.warnings.map((w) => `${w.path}: ${w.message}; ${w.hint}`);
};

describe('problems that do not stop the plugin are warnings', () => {
  test('a permission declared twice', () => {
    expect(warningsOf({ permissions: ['network', 'network'] })).toEqual([
      '/permissions/1: permission "network" is declared twice (also at /permissions/0); remove the duplicate',
    ]);
  });

  test('process.unconfined without a server command', () => {
    expect(warningsOf({ permissions: ['process.unconfined'] })).toEqual([
      '/permissions/0: "process.unconfined" only applies to the command in an mcp plugin\'s "server" block, and this manifest has none; remove it (the plugin\'s own code always runs in the sandbox)',
    ]);
  });

  test('a lazy plugin with nothing to be started by', () => {
    expect(warningsOf({ activation: 'lazy' })).toEqual([
      '/activation: a lazy plugin starts on first use of a contribution, but it declares none in "contributes", so it never starts; declare its tools, providers or MCP servers in "contributes", or use "activation": "startup"',
    ]);
  });

  test('a required setting with a default', () => {
    expect(warningsOf({ configuration: { a: { type: 'string', required: true, default: 'x' } } })).toEqual([
      '/configuration/a/required: setting "a": is required but has a default, so it is never missing; remove "required" or the default',
    ]);
  });

  test('unknown fields inside settings, permissions and contributions', () => {
    expect(
      warningsOf({
        configuration: { a: { type: 'string', defualt: 'x' } },
        permissions: [{ permission: 'network', hosts: ['a.example'], host: 'b' }],
        contributes: { tools: [{ name: 't', description: 'd', inputSchema: {} }] },
      }),
    ).toEqual([
      '/permissions/0/host: unknown field "host" is ignored; did you mean "hosts"?',
      '/configuration/a/defualt: unknown field "defualt" is ignored; did you mean "default"?',
      '/contributes/tools/0/inputSchema: unknown field "inputSchema" is ignored; remove it, or check the field names in the plugin.json schema',
    ]);
  });
});

describe('array settings', () => {
  test('a default item that does not fit items is an error', () => {
    const result = validateManifest({ ...base, configuration: { tags: { type: 'array', items: { type: 'string', enum: ['a'] }, default: ['a', 'b'] } } }, FILE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`${FILE}: /configuration/tags/default: setting "tags": default item 1, "b", is not one of items.enum`);
  });
});
