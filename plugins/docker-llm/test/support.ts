import type { ChatRequest, Message } from '@berth/sdk';
import { createDockerLlmProvider } from '../src/provider.js';
import type { DockerLlmProvider } from '../src/provider.js';
// The replay server is plain ESM JavaScript so the benchmark (plain Node) can use it too.
import { startReplayServer } from '../../../test/support/replay/index.js';

export { startReplayServer, recordedJson, recordedEvents } from '../../../test/support/replay/index.js';

/** A started replay server. */
export type Replay = Awaited<ReturnType<typeof startReplayServer>>;

/** A provider pointed at a replay server through the `base_url` setting. */
export function providerFor(replay: Replay): DockerLlmProvider {
  return createDockerLlmProvider({ discovery: { baseUrl: replay.url } });
}

/** The tools the recordings were made with (fixtures/requests.sh). */
export const TOOLS: ChatRequest['tools'] = [
  {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string', description: 'City name' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
    },
  },
  { name: 'get_time', description: 'Current time', parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: [] } },
];

/** The question the tool recordings asked. */
export const WEATHER: Message = { role: 'user', content: 'What is the weather in Paris?' };

/** The follow-up conversation with a tool result. */
export const FOLLOW_UP: Message[] = [
  WEATHER,
  { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' }] },
  { role: 'tool', toolCallId: 'call_1', content: '{"temp_c":21}' },
];

/** A chat request for the replay's model. */
export function ask(extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'ai/tiny-test', messages: [{ role: 'user', content: 'Hi' }], ...extra };
}
