import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandName } from '../src/command-table.js';
import { runBerth, tempHome } from './run-berth.js';

// berth loads only the command family named on the command line; help, completion and "did you mean" must still
// see every command (they register them all). (berth dev registering serve with it: author/newcomer.test.ts.)
describe('the command table', { timeout: 120_000 }, () => {
  let home: { home: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    home = await tempHome();
  });
  afterAll(async () => home.cleanup());

  it('finds the command after the root options and their values', () => {
    expect(commandName(['--config', 'plugins', 'tools', 'list'])).toBe('tools');
    expect(commandName(['--log-level', 'warn', '--plugins-dir', 'a', 'plugins', 'list'])).toBe('plugins');
    expect(commandName(['--version'])).toBeUndefined();
  });

  it('--help and completion name every command; an unknown one gets a suggestion', async () => {
    const help = await runBerth(home.home, ['--help']);
    const names = ['serve', 'dev', 'plugins', 'tools', 'config', 'permissions', 'audit', 'doctor', 'models', 'providers', 'validate', 'schema', 'new', 'types', 'pack', 'mcp', 'logs', 'completion'];
    for (const name of names) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const bash = await runBerth(home.home, ['completion', 'bash']);
    expect(bash.stdout).toContain('"plugins list") words="');
    expect(bash.stdout).toContain('"mcp add") words="');
    const typo = await runBerth(home.home, ['plugs']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('plugins');
  });
});
