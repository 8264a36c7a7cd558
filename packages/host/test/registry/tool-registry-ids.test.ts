import { ContributionConflictError, ErrorCodes, type ToolDefinition } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { testApi } from '../api/api-fixtures.js';

const tool = (name: string): ToolDefinition => ({ name, description: name, inputSchema: { type: 'object' }, handler: () => name });

describe('tool registry: ids, conflicts, aliases, wire names', () => {
  it('refuses the second plugin claiming an id, naming both plugins and the alias that fixes it', () => {
    const api = testApi({}, { 'a/search': 'search', 'b/search': 'search' });
    api.tools.register('a', tool('search'));
    let error: unknown;
    try {
      api.tools.register('b', tool('search'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContributionConflictError);
    expect((error as ContributionConflictError).code).toBe(ErrorCodes.CONTRIBUTION_CONFLICT);
    expect((error as ContributionConflictError).message).toBe(
      `plugin 'b' cannot register tool 'search': plugin 'a' already registered it (rename one in the configuration's "aliases", e.g. "b/search": "b-search")`,
    );
    expect(api.tools.list().map((t) => [t.id, t.plugin])).toEqual([['search', 'a']]);
  });

  it('an alias resolves the conflict: both tools are listed and callable', async () => {
    const api = testApi({}, { 'a/search': 'search', 'b/search': 'b-search' });
    api.tools.register('a', tool('search'));
    api.tools.register('b', tool('search'));
    expect(api.tools.list().map((t) => [t.id, t.plugin, t.name])).toEqual([
      ['b-search', 'b', 'search'],
      ['search', 'a', 'search'],
    ]);
    expect(await api.tools.call('b-search', {})).toEqual({ content: [{ type: 'text', text: 'search' }] });
  });

  it('maps ids to MCP wire names (^[a-zA-Z0-9_-]{1,64}$) and back', () => {
    const api = testApi();
    api.tools.register('my-plugin', tool('fs.read'));
    expect(api.tools.wireName('my-plugin/fs.read')).toBe('my-plugin__fs_read');
    expect(api.tools.fromWireName('my-plugin__fs_read')).toBe('my-plugin/fs.read');
  });

  it('namespaces a scoped plugin by its full name; its wire name drops the @', async () => {
    const api = testApi();
    api.tools.register('@acme/kit', tool('run.it'));
    expect(api.tools.list().map((t) => t.id)).toEqual(['@acme/kit/run.it']);
    expect(api.tools.wireName('@acme/kit/run.it')).toBe('acme__kit__run_it');
    expect(await api.tools.call('@acme/kit/run.it', {})).toEqual({ content: [{ type: 'text', text: 'run.it' }] });
  });

  it('refuses two ids with one wire name as a conflict', () => {
    const api = testApi();
    api.tools.register('p', tool('a.b'));
    expect(() => api.tools.register('p', tool('a_b'))).toThrow(
      expect.objectContaining({ code: ErrorCodes.CONTRIBUTION_CONFLICT, message: expect.stringContaining("cannot register tool 'p__a_b': plugin 'p' already registered it") }),
    );
  });

  it("a plugin cannot register into another plugin's namespace (a slash in a name is refused)", () => {
    const api = testApi();
    api.tools.register('victim', tool('run'));
    expect(() => api.tools.register('evil', tool('../victim/run'))).toThrow(expect.objectContaining({ code: ErrorCodes.CONTRIBUTION_ID_INVALID }));
    expect(() => api.tools.register('evil', { ...tool('x'), name: 'victim/run' })).toThrow(
      "plugin 'evil': tool id 'victim/run' has a name that is empty or uses characters other than A-Z a-z 0-9 _ . -",
    );
    expect(api.tools.list().map((t) => [t.id, t.plugin])).toEqual([['victim/run', 'victim']]);
  });

  it('refuses names with other characters and ids over 64 characters', () => {
    const api = testApi();
    expect(() => api.tools.register('p', tool('rm -rf'))).toThrow(
      expect.objectContaining({ code: ErrorCodes.CONTRIBUTION_ID_INVALID, message: "plugin 'p': tool id 'rm -rf' has a name that is empty or uses characters other than A-Z a-z 0-9 _ . -" }),
    );
    const long = 'x'.repeat(63);
    expect(() => api.tools.register('p', tool(long))).toThrow(`plugin 'p': tool id 'p/${long}' is 65 characters long (at most 64; set a shorter alias in the configuration's "aliases")`);
    expect(() => api.tools.register('p', tool('x'.repeat(62)))).toThrow(`plugin 'p': tool id 'p/${'x'.repeat(62)}' has the MCP wire name 'p__${'x'.repeat(62)}', 65 characters long (at most 64; set a shorter alias)`);
  });

  it('reports additions and removals (for tools/list_changed), and unregisterAll removes a plugin\'s tools', () => {
    const api = testApi();
    const changes: string[] = [];
    api.tools.onChange((c) => void changes.push(`${c.type} ${c.tool.id}`));
    const off = api.tools.register('p', tool('a'));
    api.tools.register('p', tool('b'));
    api.tools.register('q', tool('c'));
    off();
    api.tools.unregisterAll('p');
    expect(changes).toEqual(['added p/a', 'added p/b', 'added q/c', 'removed p/a', 'removed p/b']);
    expect(api.tools.list().map((t) => t.id)).toEqual(['q/c']);
  });
});
