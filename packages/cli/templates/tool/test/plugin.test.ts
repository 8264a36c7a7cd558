import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPlugin, type TestPlugin } from '@berth/testing';

// The plugin runs as `berth serve` runs it: in its own sandboxed process, with only the grants given here
// (by default: what plugin.json requests). See README.md for expectDenied, events and logs.
let plugin: TestPlugin;
before(async () => {
  plugin = await startPlugin('.', { config: { greeting: 'Hello' } });
});
after(() => plugin.stop());

test('greet answers', async () => {
  assert.equal(await plugin.callText('greet', { name: 'Ada' }), 'Hello, Ada!');
});

test('greet refuses arguments its input schema does not allow', async () => {
  await assert.rejects(plugin.call('greet', {}), { code: 'BERTH_TOOL_INPUT_INVALID' });
});
