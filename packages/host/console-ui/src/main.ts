/** The Berth web console: a navigation bar and one view at a time, chosen by the location's hash. */
import { signOut } from './api.js';
import { el, replace } from './dom.js';
import { approvalsView } from './views/approvals.js';
import { auditView } from './views/audit.js';
import { configView } from './views/config.js';
import { grantsView } from './views/grants.js';
import { healthView } from './views/health.js';
import { pluginsView } from './views/plugins.js';
import { providersView } from './views/providers.js';
import { toolsView } from './views/tools.js';
import type { View } from './views/view.js';

const VIEWS: readonly (readonly [string, string, View])[] = [
  ['plugins', 'Plugins', pluginsView],
  ['approvals', 'Approvals', approvalsView],
  ['grants', 'Grants', grantsView],
  ['config', 'Configuration', configView],
  ['audit', 'Audit', auditView],
  ['tools', 'Tools', toolsView],
  ['providers', 'Providers', providersView],
  ['health', 'Health', healthView],
];

const main = el('main', { id: 'main', tabindex: '-1' });
const links = VIEWS.map(([id, label]) => el('a', { href: `#/${id}`, 'data-view': id }, label));
const app = document.getElementById('app') as HTMLElement;
replace(
  app,
  el('a', { href: '#main', class: 'skip' }, 'Skip to content'),
  el(
    'header',
    {},
    el('span', { class: 'brand' }, 'Berth'),
    el('nav', { 'aria-label': 'Views' }, el('ul', {}, ...links.map((a) => el('li', {}, a)))),
    el('button', { type: 'button', class: 'sign-out', onclick: () => void signOut() }, 'Sign out'),
  ),
  main,
);

let stop: (() => void) | void;
function route(): void {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0] || 'plugins';
  const found = VIEWS.find(([v]) => v === id) ?? VIEWS[0]!;
  for (const a of links) {
    if (a.dataset['view'] === found[0]) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (typeof stop === 'function') stop();
  document.title = `${found[1]} \u2014 Berth console`;
  stop = found[2](main);
}
window.addEventListener('hashchange', () => {
  route();
  main.focus();
});
route();
