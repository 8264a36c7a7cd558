import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect2, type TestClient } from './support/clients.js';
import { SECRET } from './support/demo-tools.mjs';
import { startHttpFixture, type HttpFixture } from './support/http-fixture.js';

// Acceptance 5: one log line per call with tool, plugin, outcome, duration and the arguments' shape — never
// their values: the secret sent in arguments (in successful, invalid and denied calls) is nowhere in the log.

let http: HttpFixture;
let client: TestClient;
beforeAll(async () => {
  http = await startHttpFixture();
  client = await connect2({ url: http.endpoint.mcpUrl, token: http.token });
  await client.call('demo__echo', { text: SECRET });
  await client.call('demo__echo', { text: 42, token: SECRET });
  await client.call('demo__echo', { text: 'forbidden', token: SECRET });
  await client.call('notes__add_note', { title: 'secret', text: SECRET });
  await client.call('demo__nope', { token: SECRET });
});
afterAll(async () => {
  await client.close();
  await http.close();
});

function callLines(): Record<string, unknown>[] {
  return http.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['event'] === 'tool.call');
}

describe('the call log', () => {
  it('has one line per call with tool, plugin, outcome, duration and argument shape', () => {
    const lines = callLines();
    expect(lines.map((line) => [line['tool'], line['plugin'], line['outcome'], line['code']])).toEqual([
      ['demo/echo', 'demo', 'ok', undefined],
      ['demo/echo', 'demo', 'error', 'BERTH_TOOL_INPUT_INVALID'],
      ['demo/echo', 'demo', 'error', 'BERTH_TOOL_DENIED'],
      ['notes/add_note', 'notes', 'ok', undefined],
      ['demo/nope', 'demo', 'error', 'BERTH_TOOL_NOT_FOUND'],
    ]);
    expect(lines.map((line) => line['args'])).toEqual([
      { text: 'string' },
      { text: 'number', token: 'string' },
      { text: 'string', token: 'string' },
      { title: 'string', text: 'string' },
      { token: 'string' },
    ]);
    for (const line of lines) {
      expect(line['durationMs']).toEqual(expect.any(Number));
      expect(line['transport']).toBe('http');
      expect(line['msg']).toMatch(/^tool call \S+: (ok|error)$/);
    }
  });

  it('never holds an argument value', () => {
    expect(http.lines.length).toBeGreaterThanOrEqual(5);
    expect(http.lines.filter((line) => line.includes(SECRET))).toEqual([]);
    expect(http.lines.filter((line) => line.includes('forbidden'))).toEqual([]);
  });
});
