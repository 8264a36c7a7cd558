/**
 * The console's only way to put things on the page: elements built with createElement, text set with textContent
 * (never innerHTML), so a plugin's name, description or tool output is always shown as text, never run.
 */

/** Attributes of {@link el}: strings become attributes; functions under `on*` become listeners. */
export type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** A child of {@link el}: a node, text (inert), or nothing. */
export type Child = Node | string | number | false | null | undefined;

/** An element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name.startsWith('on')) continue; // never an inline handler
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children (text as text nodes). */
export function append(node: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces a node's children. */
export function replace(node: Node, ...children: Child[]): void {
  while (node.firstChild !== null) node.removeChild(node.firstChild);
  append(node, children);
}

/** An SVG element (for the health charts). */
export function svg(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A status line that screen readers announce. */
export function statusLine(text: string, kind: 'ok' | 'error' | 'note' = 'note'): HTMLElement {
  return el('p', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A table with a header row and rows of cells. */
export function table(caption: string, headers: readonly string[], rows: readonly (readonly Child[])[]): HTMLTableElement {
  return el(
    'table',
    {},
    el('caption', { class: 'visually-hidden' }, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    // data-label names each cell's column for the narrow layout (the header row is hidden there).
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => el('td', { 'data-label': headers[i] ?? '' }, c))))),
  );
}

/** A small state badge. */
export function badge(text: string, tone = text): HTMLElement {
  return el('span', { class: `badge badge-${tone.replace(/[^a-z-]/g, '')}` }, text);
}
