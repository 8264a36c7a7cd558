import { ApiError, get, post } from '../api.js';
import { el, replace, statusLine } from '../dom.js';
import { fieldFor, type FieldSchema } from '../schema-form.js';
import type { PluginInfo, SettingView } from '../types.js';
import { messageOf } from './feedback.js';
import type { View } from './view.js';

/** Configuration: each plugin's settings as a form from its schema; errors inline; secrets write-only. */
export const configView: View = (root) => {
  const picker = el('select', { id: 'config-plugin', name: 'plugin' });
  const body = el('div', {});
  replace(
    root,
    el('h1', {}, 'Configuration'),
    el('p', { class: 'lead' }, 'Saved to the configuration file atomically; a running plugin gets the new value at once. Secrets are never shown.'),
    el('div', { class: 'toolbar' }, el('label', { for: 'config-plugin' }, 'Plugin'), picker),
    body,
  );
  const show = async (plugin: string): Promise<void> => {
    try {
      const { settings, configuration } = await get<{ settings: SettingView[]; configuration: Record<string, FieldSchema> }>(`settings/${encodeURIComponent(plugin)}`);
      if (settings.length === 0) return replace(body, statusLine(`${plugin} has no settings.`));
      replace(body, ...settings.map((s) => settingForm(plugin, s, configuration[s.key] ?? {})));
    } catch (error) {
      replace(body, statusLine(`Cannot read settings: ${messageOf(error)}`, 'error'));
    }
  };
  void (async () => {
    const plugins = (await get<PluginInfo[]>('plugins')).filter((p) => p.version !== undefined);
    replace(picker, ...plugins.map((p) => el('option', { value: p.name }, p.name)));
    const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('plugin');
    if (wanted !== null && plugins.some((p) => p.name === wanted)) picker.value = wanted;
    if (picker.value !== '') await show(picker.value);
  })();
  picker.addEventListener('change', () => void show(picker.value));
};

function settingForm(plugin: string, setting: SettingView, schema: FieldSchema): HTMLElement {
  const field = fieldFor(setting.key, { ...schema, description: setting.description || schema.description }, { value: setting.value, secret: setting.secret });
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  const current = el('p', { class: 'hint' }, describe(setting));
  const path = `settings/${encodeURIComponent(plugin)}/${encodeURIComponent(setting.key)}`;
  const save = async (body: unknown): Promise<void> => {
    field.showError('');
    try {
      const saved = await post<SettingView>(path, body);
      replace(current, describe(saved));
      replace(status, statusLine('Saved', 'ok'));
    } catch (error) {
      replace(status);
      field.showError(error instanceof ApiError ? error.message : messageOf(error));
    }
  };
  const form = el(
    'form',
    { class: 'setting', 'aria-label': `Setting ${setting.key}`, novalidate: true },
    field.node,
    current,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary' }, 'Save'),
      setting.source === 'saved' ? el('button', { type: 'button', onclick: () => void save({ unset: true }) }, 'Use default') : undefined,
    ),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const got = field.read();
    if ('error' in got) return field.showError(`${setting.key} ${got.error}`);
    if (got.value === undefined) return field.showError(setting.secret ? 'type the new secret' : `${setting.key} is empty: use “Use default” to remove it`);
    void save({ value: got.value });
  });
  return form;
}

function describe(s: SettingView): string {
  if (s.secret) return s.value !== undefined ? 'A secret is set (write-only).' : 'No secret set.';
  return s.value === undefined ? 'Not set.' : `Now: ${JSON.stringify(s.value)} (${s.source === 'saved' ? 'saved' : 'default'})`;
}
