import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPlugin, type TestPlugin } from '@berth/testing';

// Berth starts the MCP server in its sandbox, as `berth serve` does, and calls it as an MCP client.
let plugin: TestPlugin;
before(async () => {
  plugin = await startPlugin('.');
});
after(() => plugin.stop());

test('its tools are served under the plugin name', () => {
  assert.deepEqual(plugin.tools(), [`${plugin.name}/greet`]);
});

test('greet answers', async () => {
  assert.equal(await plugin.callText('greet', { name: 'Ada' }), 'Hello, Ada!');
});
