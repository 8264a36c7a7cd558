import { get, post } from '../api.js';
import { badge, el, replace, table } from '../dom.js';
import { grantLabel } from '../grant-label.js';
import type { PluginInfo } from '../types.js';
import { act } from './feedback.js';
import { live } from './live.js';
import type { View } from './view.js';

/** Plugins: state, version, type, root, tier and why a plugin is not active, kept live by the event stream. */
export const pluginsView: View = (root) => {
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  const body = el('div', {});
  replace(root, el('h1', {}, 'Plugins'), el('p', { class: 'lead' }, 'Everything the host found, as it runs now. Updates live.'), status, body);
  return live(body, 'list plugins', () => get<PluginInfo[]>('plugins'), (plugins) => {
    const drawn = table(
      'Plugins',
      ['Plugin', 'Version', 'Type', 'State', 'Root', 'Tier', 'Why not active', 'Actions'],
      plugins.map((p) => [
        el('div', {}, el('strong', { class: 'name' }, p.name), p.description !== undefined ? el('p', { class: 'hint' }, p.description) : undefined),
        p.version ?? '\u2014',
        p.type ?? '\u2014',
        badge(p.state),
        p.root,
        p.tier ?? '\u2014',
        shortened(whyNotActive(p)),
        actions(p, status),
      ]),
    );
    drawn.setAttribute('data-testid', 'plugins-table');
    return drawn;
  });
};

function actions(p: PluginInfo, status: HTMLElement): HTMLElement {
  const button = (label: string, path: string): HTMLButtonElement =>
    el('button', { type: 'button', 'aria-label': `${label} ${p.name}`, onclick: () => void act(status, `${label} ${p.name}`, () => post(`plugins/${encodeURIComponent(p.name)}/${path}`)) }, label);
  return el(
    'div',
    { class: 'actions' },
    p.state === 'disabled' ? button('Enable', 'enable') : button('Disable', 'disable'),
    p.state === 'active' ? button('Reload', 'reload') : undefined,
  );
}

function whyNotActive(p: PluginInfo): string {
  if (p.reason !== undefined) return p.reason.message;
  if (p.missingPermissions !== undefined) {
    return `waiting for approval of ${p.missingPermissions.map(grantLabel).join(', ')} (see Approvals)`;
  }
  if (p.pendingReload !== undefined) return `version ${p.pendingReload.version} waits for approval (see Approvals)`;
  return p.reloadError !== undefined ? `last reload failed: ${p.reloadError.message}` : '';
}

/** A long reason (a manifest's every problem) as its first sentence, the rest behind a disclosure. */
function shortened(text: string): HTMLElement | string {
  if (text.length <= 160) return text;
  const cut = text.indexOf(' - ') > 0 && text.indexOf(' - ') < 160 ? text.indexOf(' - ') : 160;
  return el('div', { class: 'long' }, text.slice(0, cut), el('details', {}, el('summary', {}, 'all of it'), el('p', {}, text)));
}
