import { get } from '../api.js';
import { badge, el, replace, statusLine, svg, table } from '../dom.js';
import type { PluginHealth } from '../types.js';
import { messageOf } from './feedback.js';
import type { View } from './view.js';

interface HealthEvent {
  readonly type: string;
  readonly time: string;
  readonly plugin: string;
  readonly to?: string;
  readonly reason?: { readonly message: string };
  readonly outcome?: { readonly status: string; readonly from?: string; readonly to?: string; readonly error?: { readonly message: string } };
}

/** Health: each plugin's tier, process, restarts and its CPU and memory over the last minutes; recent reloads and failures. */
export const healthView: View = (root) => {
  const body = el('div', {});
  const events = el('div', {});
  replace(root, el('h1', {}, 'Health'), el('p', { class: 'lead' }, 'Sandbox tier, restarts, and CPU and memory of each plugin\u2019s own process (sampled every 2 s, last 5 minutes).'), body, el('h2', {}, 'Reloads and failures'), events);
  const draw = async (): Promise<void> => {
    try {
      const health = await get<{ plugins: PluginHealth[]; events: HealthEvent[] }>('health');
      replace(
        body,
        table(
          'Plugin processes',
          ['Plugin', 'State', 'Tier', 'Process', 'Restarts', 'CPU %', 'Memory MiB'],
          health.plugins.map((p) => {
            const last = p.points[p.points.length - 1];
            return [
              el('strong', {}, p.plugin),
              badge(p.state),
              p.tier ?? '\u2014',
              p.pid !== undefined ? `pid ${p.pid}` : p.state === 'active' ? 'in the host (trusted)' : 'not running',
              String(p.restarts),
              p.points.length > 1 ? chart(p.points.map((x) => x.cpu), `${p.plugin} CPU`, last?.cpu.toFixed(1) ?? '') : last?.cpu.toFixed(1) ?? '\u2014',
              p.points.length > 1 ? chart(p.points.map((x) => x.rssMiB), `${p.plugin} memory`, last?.rssMiB.toFixed(1) ?? '') : last?.rssMiB.toFixed(1) ?? '\u2014',
            ];
          }),
        ),
      );
      replace(
        events,
        health.events.length === 0
          ? statusLine('No reloads or failures since the server started.')
          : el('ul', { class: 'events' }, ...[...health.events].reverse().map((e) => el('li', {}, el('time', { datetime: e.time }, new Date(e.time).toLocaleTimeString()), ' ', el('strong', {}, e.plugin), ' ', describe(e)))),
      );
    } catch (error) {
      replace(body, statusLine(`Cannot read health: ${messageOf(error)}`, 'error'));
    }
  };
  void draw();
  const timer = window.setInterval(() => void draw(), 2000);
  return () => clearInterval(timer);
};

function describe(e: HealthEvent): string {
  if (e.type === 'plugin:reload') {
    const o = e.outcome;
    if (o?.status === 'reloaded') return `reloaded ${o.from ?? ''} \u2192 ${o.to ?? ''}`;
    if (o?.status === 'failed') return `reload failed: ${o.error?.message ?? ''}`;
    return `reload: ${o?.status ?? ''}`;
  }
  return `${e.to ?? ''}${e.reason !== undefined ? `: ${e.reason.message}` : ''}`;
}

/** A small line chart of `values` (SVG), with the last value as text beside it. */
function chart(values: readonly number[], label: string, lastText: string): HTMLElement {
  const width = 140;
  const height = 32;
  // From zero to a little above the highest value, so a steady line sits inside the box.
  const max = Math.max(...values, 1e-9) * 1.15;
  const step = width / Math.max(values.length - 1, 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  const graphic = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${label}: last ${lastText}, highest ${Math.max(...values).toFixed(1)}` });
  graphic.appendChild(svg('polyline', { points, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }));
  return el('span', { class: 'chart' }, graphic, el('span', { class: 'chart-value' }, lastText));
}
