/**
 * Form fields generated from JSON Schema, for the common types (string, enum, number, integer, boolean, arrays of
 * scalars) with a JSON text area for anything else. Our own small generator rather than a form library: the schemas
 * Berth meets (settings and tool inputs) are flat, we need every label, hint and error rendered as text only, and
 * it keeps the bundle a few kilobytes with no framework.
 */
import { el, replace } from './dom.js';

/** The subset of JSON Schema the generator reads. */
export interface FieldSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly title?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly items?: FieldSchema;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly secret?: boolean;
}

/** A generated field. */
export interface Field {
  /** The field's name. */
  readonly name: string;
  /** Its label, control, hint and error line. */
  readonly node: HTMLElement;
  /** The value typed (`undefined` when left empty), or a sentence saying what is wrong. */
  read(): { readonly value?: unknown } | { readonly error: string };
  /** Shows an error under the field (empty: clears it). */
  showError(message: string): void;
}

let counter = 0;
const typeOf = (schema: FieldSchema): string => (Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined)) ?? 'json';

/** One field for `schema`; `value` prefills it (never for secrets). */
export function fieldFor(name: string, schema: FieldSchema, options: { readonly required?: boolean; readonly value?: unknown; readonly secret?: boolean } = {}): Field {
  const id = `f${++counter}`;
  const type = typeOf(schema);
  const secret = options.secret === true || schema.secret === true;
  const hint = schema.description !== undefined && schema.description !== '' ? el('p', { class: 'hint', id: `${id}-hint` }, schema.description) : undefined;
  const error = el('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
  const described = [hint !== undefined ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  const common = { id, name, 'aria-describedby': described, ...(options.required === true ? { required: true, 'aria-required': 'true' } : {}) };
  const prefill = secret ? undefined : options.value !== undefined ? options.value : undefined;
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  let read: () => { value?: unknown } | { error: string };

  if (schema.enum !== undefined) {
    const select = el('select', common, el('option', { value: '' }, '(not set)'), ...schema.enum.map((v, i) => el('option', { value: String(i) }, String(v))));
    const at = schema.enum.findIndex((v) => v === prefill);
    if (at >= 0) select.value = String(at);
    control = select;
    read = () => (select.value === '' ? {} : { value: schema.enum?.[Number(select.value)] });
  } else if (type === 'boolean') {
    const box = el('input', { ...common, type: 'checkbox' });
    box.checked = prefill === true;
    control = box;
    read = () => ({ value: box.checked });
  } else if (type === 'number' || type === 'integer') {
    const input = el('input', { ...common, type: 'number', step: type === 'integer' ? '1' : 'any', min: schema.minimum, max: schema.maximum });
    if (typeof prefill === 'number') input.value = String(prefill);
    control = input;
    read = () => {
      if (input.value.trim() === '') return {};
      const n = Number(input.value);
      if (!Number.isFinite(n)) return { error: 'must be a number' };
      if (type === 'integer' && !Number.isInteger(n)) return { error: 'must be a whole number' };
      return { value: n };
    };
  } else if (type === 'string') {
    const input = el('input', { ...common, type: secret ? 'password' : 'text', autocomplete: secret ? 'new-password' : 'off', ...(secret ? { placeholder: 'write-only: type a new value' } : {}) });
    if (typeof prefill === 'string') input.value = prefill;
    control = input;
    read = () => (input.value === '' ? {} : { value: input.value });
  } else if (type === 'array' && schema.items !== undefined && ['string', 'number', 'integer'].includes(typeOf(schema.items))) {
    const area = el('textarea', { ...common, rows: 3 });
    if (Array.isArray(prefill)) area.value = prefill.map(String).join('\n');
    const itemType = typeOf(schema.items);
    control = area;
    read = () => {
      const lines = area.value.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (itemType === 'string') return { value: lines };
      const numbers = lines.map(Number);
      return numbers.some((n) => !Number.isFinite(n)) ? { error: 'one number per line' } : { value: numbers };
    };
  } else {
    const area = el('textarea', { ...common, rows: 4, spellcheck: 'false', class: 'mono' });
    if (prefill !== undefined) area.value = JSON.stringify(prefill, null, 2);
    control = area;
    read = () => {
      if (area.value.trim() === '') return {};
      try {
        return { value: JSON.parse(area.value) as unknown };
      } catch {
        return { error: 'must be JSON' };
      }
    };
  }
  const label = el('label', { for: id }, schema.title ?? name, options.required === true ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : '', ' ', el('span', { class: 'type' }, secret ? `${type}, secret` : type));
  const node = el('div', { class: `field field-${type}` }, label, control, hint, error);
  return {
    name,
    node,
    read: () => {
      const got = read();
      if ('value' in got || 'error' in got) return got;
      return options.required === true ? { error: 'is required' } : got;
    },
    showError: (message) => {
      replace(error, message);
      error.hidden = message === '';
      control.setAttribute('aria-invalid', message === '' ? 'false' : 'true');
    },
  };
}

/** The fields of an object schema (a tool's input), in declaration order. */
export function objectFields(schema: FieldSchema): Field[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => fieldFor(name, property, { required: required.has(name) }));
}

/** Reads every field into an object; false (with the errors shown) when one is wrong. */
export function readFields(fields: readonly Field[]): Record<string, unknown> | false {
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const field of fields) {
    const got = field.read();
    if ('error' in got) {
      field.showError(`${field.name} ${got.error}`);
      ok = false;
    } else {
      field.showError('');
      if (got.value !== undefined) out[field.name] = got.value;
    }
  }
  return ok ? out : false;
}
