// Run by node:test (not vitest) from runs-under-node-test.test.ts: @berth/testing needs no particular framework.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectDenied, startPlugin } from '@berth/testing';

const reader = new URL('../fixtures/file-reader/', import.meta.url).pathname;
let plugin;
before(async () => {
  plugin = await startPlugin(reader);
});
after(() => plugin.stop());

test('node:test: a read outside the grants is refused, and expectDenied sees it', async () => {
  const denial = await expectDenied(plugin, plugin.call('read', { path: '/etc/hostname' }), { permission: 'filesystem.read' });
  assert.equal(denial.record.allowed, false);
});

test('node:test: expectDenied fails the test when nothing is refused', async () => {
  await assert.rejects(expectDenied(plugin, plugin.callText('greet', { name: 'Ada' }), { timeoutMs: 200 }), { name: 'AssertionError' });
});
