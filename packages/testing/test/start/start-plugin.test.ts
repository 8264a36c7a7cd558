import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { defaultSandboxMode } from '@berth/host';
import { expectDenied, startPlugin, type TestPlugin } from '@berth/testing';

const READER = path.join(import.meta.dirname, '..', 'fixtures', 'file-reader');

describe('startPlugin runs a plugin folder in the real process tier', () => {
  let plugin: TestPlugin;
  beforeAll(async () => {
    plugin = await startPlugin(READER, { config: { greeting: 'Hi' }, secrets: { token: 's3cr3t' } });
  });
  afterAll(async () => plugin?.stop());

  test('in a sandboxed child process, not in the test process: bubblewrap where the machine has it', () => {
    expect(plugin.tier).toBe(defaultSandboxMode() === 'bwrap' ? 'process (bubblewrap)' : 'process (no bubblewrap)');
  });

  test('calls its tools with the fake configuration and secrets', async () => {
    expect(await plugin.callText('greet', { name: 'Ada' })).toBe('Hi, Ada! (token of 6 characters)');
  });

  test('a granted read works', async () => {
    const file = path.join(plugin.workspace, 'note.txt');
    writeFileSync(file, 'inside the workspace');
    expect(await plugin.callText('read', { path: file })).toBe('inside the workspace');
  });

  test('an ungranted read is refused, and expectDenied sees the refusal', async () => {
    const denial = await expectDenied(plugin, plugin.call('read', { path: '/etc/hostname' }), { permission: 'filesystem.read', target: '/etc/hostname' });
    expect(denial.record.allowed).toBe(false);
    expect(denial.error).toBeDefined();
  });

  test('expectDenied fails when the action is not refused', async () => {
    const file = path.join(plugin.workspace, 'ok.txt');
    writeFileSync(file, 'fine');
    await expect(expectDenied(plugin, plugin.call('read', { path: file }), { timeoutMs: 300 })).rejects.toThrow(/expected plugin 'file-reader' to be refused/);
  });

  test('an error that only looks like a refusal does not satisfy expectDenied: the audit log must show one', async () => {
    await expect(expectDenied(plugin, plugin.call('fake-denial'), { permission: 'filesystem.read', timeoutMs: 500 })).rejects.toThrow(
      /expected plugin 'file-reader' to be refused \(filesystem\.read\), but it failed with: .*restricted/,
    );
  });

  test('captures its events and log lines', async () => {
    expect((await plugin.waitForEvent('ready')).payload).toEqual({ greeting: 'Hi' });
    await plugin.callText('read', { path: path.join(plugin.workspace, 'ok.txt') }).catch(() => undefined);
    expect(plugin.logs.some((l) => l.msg === 'reading' && l.levelName === 'info')).toBe(true);
  });
});

describe('TestPlugin.reload', () => {
  test('an edited plugin answers with its new code after reload(), as berth dev would', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-testing-reload-'));
    cpSync(READER, dir, { recursive: true });
    const plugin = await startPlugin(dir);
    try {
      expect(await plugin.callText('greet', { name: 'Ada' })).toMatch(/^Hello, Ada!/);
      const index = path.join(dir, 'index.js');
      writeFileSync(index, readFileSync(index, 'utf8').replace('${ctx.config.get(\'greeting\')}, ${name', 'Howdy, ${name'));
      await plugin.reload();
      expect(await plugin.callText('greet', { name: 'Ada' })).toMatch(/^Howdy, Ada!/);
    } finally {
      await plugin.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('startPlugin without bubblewrap (Node\'s permission model alone) holds the same boundary', () => {
  test('the ungranted read is refused there too', async () => {
    const plugin = await startPlugin(READER, { sandbox: 'nobwrap' });
    try {
      expect(plugin.tier).toBe('process (no bubblewrap)');
      await expectDenied(plugin, plugin.call('read', { path: '/etc/hostname' }), { permission: 'filesystem.read' });
    } finally {
      await plugin.stop();
    }
  });
});

describe('startPlugin reports what keeps a plugin from starting', () => {
  test('grants short of what it requests: waiting for approval, named', async () => {
    await expect(startPlugin(READER, { grants: [] })).rejects.toMatchObject({
      code: ErrorCodes.TEST_PLUGIN_NOT_STARTED,
      message: expect.stringMatching(/file-reader.*needs-approval.*filesystem\.read/),
    });
  });

  test('a secret for a setting that is not secret', async () => {
    await expect(startPlugin(READER, { secrets: { greeting: 'x' } })).rejects.toThrow(/"greeting" is not a secret setting/);
  });
});
