import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPlugin, type TestPlugin } from '@berth/testing';

// The plugin runs as `berth serve` runs it: in its own sandboxed process, with only the grants given here
// (by default: what plugin.json requests). See README.md for expectDenied, events and logs.
let plugin: TestPlugin;
before(async () => {
  plugin = await startPlugin('.');
});
after(() => plugin.stop());

test('lists its model', async () => {
  assert.deepEqual((await plugin.models()).map((m) => m.id), [`${plugin.name}/parrot-1`]);
});

test('answers a chat request', async () => {
  const response = await plugin.chat('parrot-1', 'Hi there');
  assert.equal(response.message.content, 'You said: Hi there');
});

test('streams the same answer', async () => {
  let text = '';
  for await (const part of plugin.stream('parrot-1', 'Hi there')) if (part.type === 'text-delta') text += part.text;
  assert.equal(text, 'You said: Hi there');
});

test('the ask tool gives the model answer', async () => {
  assert.equal(await plugin.callText('ask', { prompt: 'Hi there' }), 'You said: Hi there');
});
