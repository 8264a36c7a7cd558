// A provider plugin. The specification's C# example
//   var registry = services.GetService<IProviderRegistry>(); registry.Register(new CustomProvider());
// is, in Berth:
//   context.services.get(ProviderRegistryRef).register(provider)
// (`context.providers.register(provider)` is the same thing, shorter). Models are addressed as `echo-provider/echo-1`.
import { definePlugin, ModelNotFoundError, ProviderRegistryRef } from '@berth/sdk';

const MODEL = 'echo-1';

/** The text of the last user message. */
function lastUserText(request) {
  const message = [...request.messages].reverse().find((m) => m.role === 'user');
  if (message === undefined) return '';
  return typeof message.content === 'string' ? message.content : message.content.filter((p) => p.type === 'text').map((p) => p.text).join(' ');
}

/** Word counts as token counts: deterministic, good enough for an echo. */
function usageOf(request, answer) {
  const count = (text) => (text.trim() === '' ? 0 : text.trim().split(/\s+/).length);
  const prompt = request.messages.reduce((n, m) => n + count(typeof m.content === 'string' ? m.content : ''), 0);
  return { promptTokens: prompt, completionTokens: count(answer), totalTokens: prompt + count(answer) };
}

function checkModel(model) {
  if (model !== MODEL) throw new ModelNotFoundError({ serverMessage: `no model '${model}' (only '${MODEL}')`, provider: 'echo', model });
}

/** A deterministic embedding: 8 numbers from the character codes. */
function embedOne(text) {
  const vector = new Array(8).fill(0);
  for (let i = 0; i < text.length; i++) vector[i % 8] += text.charCodeAt(i) / 1000;
  return vector;
}

const provider = {
  name: 'echo',
  async listModels() {
    return [{ id: MODEL, ownedBy: 'echo-provider', contextLength: 4096, capabilities: ['chat', 'embeddings'] }];
  },
  async chat(request) {
    checkModel(request.model);
    const text = lastUserText(request);
    return { id: 'echo-0', model: MODEL, message: { role: 'assistant', content: text }, finishReason: 'stop', usage: usageOf(request, text) };
  },
  async *stream(request, options = {}) {
    checkModel(request.model);
    const text = lastUserText(request);
    yield { type: 'start', id: 'echo-0', model: MODEL };
    for (const [i, word] of text.split(/\s+/).filter(Boolean).entries()) {
      if (options.signal?.aborted) return;
      yield { type: 'text-delta', text: i === 0 ? word : ` ${word}` };
    }
    yield { type: 'usage', usage: usageOf(request, text) };
    yield { type: 'finish', reason: 'stop' };
  },
  async embed(request) {
    checkModel(request.model);
    return { model: MODEL, embeddings: request.input.map(embedOne) };
  },
};

export default definePlugin({
  initialize(context) {
    context.services.get(ProviderRegistryRef).register(provider);
  },
});
