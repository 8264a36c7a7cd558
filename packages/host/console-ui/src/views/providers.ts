import { get, postRaw } from '../api.js';
import { el, replace, statusLine, table } from '../dom.js';
import { messageOf } from './feedback.js';
import type { View } from './view.js';

interface Model {
  readonly id: string;
  readonly owned_by?: string;
}

/** Providers: the models every provider plugin offers, and a streaming chat through the OpenAI-compatible API. */
export const providersView: View = (root) => {
  const models = el('div', {});
  const picker = el('select', { id: 'chat-model', name: 'model' });
  const prompt = el('textarea', { id: 'chat-prompt', name: 'prompt', rows: 3, required: true });
  const answer = el('pre', { class: 'output chat', 'aria-live': 'polite', 'data-testid': 'chat-answer' });
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  let controller: AbortController | undefined;
  const stop = el('button', { type: 'button', disabled: true, onclick: () => controller?.abort() }, 'Stop');
  const form = el(
    'form',
    { class: 'card', 'aria-label': 'Chat playground' },
    el('h2', {}, 'Chat playground'),
    el('div', { class: 'field' }, el('label', { for: 'chat-model' }, 'Model'), picker),
    el('div', { class: 'field' }, el('label', { for: 'chat-prompt' }, 'Message'), prompt),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Send'), stop),
    status,
    answer,
  );
  replace(root, el('h1', {}, 'Providers'), el('p', { class: 'lead' }, 'Models of the provider plugins, served at /v1. The playground streams through the same routes.'), models, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (picker.value === '' || prompt.value.trim() === '') return replace(status, statusLine('Choose a model and type a message.', 'error'));
    void chat(picker.value, prompt.value);
  });
  const chat = async (model: string, text: string): Promise<void> => {
    controller = new AbortController();
    stop.disabled = false;
    replace(answer);
    replace(status, statusLine('Streaming\u2026'));
    try {
      const response = await postRaw('v1/chat/completions', { model, stream: true, messages: [{ role: 'user', content: text }] });
      if (!response.ok || response.body === null) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? response.statusText);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      controller.signal.addEventListener('abort', () => void reader.cancel());
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
          const chunk = JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] };
          answer.appendChild(document.createTextNode(chunk.choices?.[0]?.delta?.content ?? ''));
        }
      }
      replace(status, statusLine('Done', 'ok'));
    } catch (error) {
      replace(status, statusLine(controller.signal.aborted ? 'Stopped' : `The chat failed: ${messageOf(error)}`, controller.signal.aborted ? 'note' : 'error'));
    } finally {
      stop.disabled = true;
    }
  };
  void (async () => {
    try {
      const list = (await get<{ data: Model[] }>('v1/models')).data;
      replace(picker, ...list.map((m) => el('option', { value: m.id }, m.id)));
      replace(models, list.length === 0 ? statusLine('No provider offers a model now.') : table('Models', ['Model', 'Provider'], list.map((m) => [el('code', {}, m.id), m.owned_by ?? ''])));
    } catch (error) {
      replace(models, statusLine(`Cannot list models: ${messageOf(error)}`, 'error'));
    }
  })();
};
