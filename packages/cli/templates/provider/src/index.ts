import { definePlugin, ModelNotFoundError, type ChatRequest, type Provider } from '@berth/sdk';
// Written from plugin.json by `berth types` (the build runs it): the context offers only what plugin.json declares.
import type { Manifest } from './manifest.js';

const MODEL = 'parrot-1';

/** The answer to a request: the last user message, repeated. Replace this with a call to your model's server. */
export function answer(request: Pick<ChatRequest, 'messages'>): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  const text = typeof last?.content === 'string' ? last.content : '';
  return `You said: ${text}`;
}

function checkModel(model: string): void {
  if (model !== MODEL) throw new ModelNotFoundError({ serverMessage: `no model '${model}' (only '${MODEL}')`, provider: 'parrot', model });
}

const provider: Provider = {
  name: 'parrot',
  async listModels() {
    return [{ id: MODEL, ownedBy: 'you', contextLength: 4096, capabilities: ['chat'] }];
  },
  async chat(request) {
    checkModel(request.model);
    return { id: 'parrot-0', model: MODEL, message: { role: 'assistant', content: answer(request) }, finishReason: 'stop' };
  },
  async *stream(request) {
    checkModel(request.model);
    yield { type: 'start', id: 'parrot-0', model: MODEL };
    yield { type: 'text-delta', text: answer(request) };
    yield { type: 'finish', reason: 'stop' };
  },
};

export default definePlugin<Manifest>({
  initialize(ctx) {
    ctx.providers.register(provider);
    // The same answer as a tool, so any MCP client can try the model: `<plugin>/ask`.
    ctx.tools.register({
      name: 'ask',
      description: `Asks the model ${MODEL} and returns its answer.`,
      inputSchema: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
      handler: async (args) => answer({ messages: [{ role: 'user', content: String(args['prompt']) }] }),
    });
  },
});
