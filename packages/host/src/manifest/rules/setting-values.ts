import { SETTING_TYPES } from '@berth/sdk';
import { isObject, jsonTypeOf, renderValue, withArticle } from '../describe-value.js';
import { toPointer } from '../pointer.js';
import { addError, addWarning } from '../problem.js';

/** What a setting-level check reports into. */
export interface SettingCheck {
  /** Reports an error at a field of the setting. */
  error(field: string, message: string, hint: string, expected?: string): void;
  /** Reports a warning at a field of the setting. */
  warn(field: string, message: string, hint: string): void;
}

/** True when `value` is of the setting type `type`. */
export function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return typeof value === type;
  }
}

/** True when `type` is a setting type. */
export function isSettingType(type: unknown): type is string {
  return typeof type === 'string' && (SETTING_TYPES as readonly string[]).includes(type);
}

/** A {@link SettingCheck} reporting at `/configuration/<name>/<field>`. */
export function settingCheck(sink: Parameters<typeof addError>[0], name: string): SettingCheck {
  const at = (field: string) => toPointer(field === '' ? ['configuration', name] : ['configuration', name, field]);
  return {
    error: (field, message, hint, expected) =>
      addError(sink, { path: at(field), message: `setting "${name}": ${message}`, hint, ...(expected !== undefined ? { expected } : {}) }),
    warn: (field, message, hint) => addWarning(sink, { path: at(field), message: `setting "${name}": ${message}`, hint }),
  };
}

/** The value of a typed setting's `default` matches its `type`, `enum`, bounds and `pattern`. */
export function checkDefault(setting: Record<string, unknown>, type: string, check: SettingCheck): void {
  if (!('default' in setting)) return;
  const value = setting['default'];
  if (!matchesType(value, type)) {
    const found = renderValue(value);
    check.error('default', `default ${found} is ${withArticle(jsonTypeOf(value))}, not ${withArticle(type)}`,
      `make the default ${withArticle(type)}, or change "type"`, withArticle(type));
    return;
  }
  checkItems(value, setting['items'], check);
  const allowed = setting['enum'];
  if (Array.isArray(allowed) && !allowed.some((option) => option === value)) {
    check.error('default', `default ${renderValue(value)} is not one of its enum values`, 'pick a default from "enum"',
      `one of ${allowed.map((v) => renderValue(v)).join(', ')}`);
  }
  const { minimum, maximum, pattern } = setting;
  if (typeof value === 'number' && typeof minimum === 'number' && value < minimum) {
    check.error('default', `default ${value} is below the minimum ${minimum}`, 'raise the default or lower "minimum"', `at least ${minimum}`);
  }
  if (typeof value === 'number' && typeof maximum === 'number' && value > maximum) {
    check.error('default', `default ${value} is above the maximum ${maximum}`, 'lower the default or raise "maximum"', `at most ${maximum}`);
  }
  if (typeof value === 'string' && typeof pattern === 'string') {
    const regex = compile(pattern);
    if (regex !== undefined && !regex.test(value)) {
      check.error('default', `default ${renderValue(value)} does not match its pattern ${renderValue(pattern)}`, 'fix the default or the pattern');
    }
  }
}

/** `pattern` compiled as a Unicode regular expression, or `undefined` when it does not compile. */
export function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** Each item of an array default matches `items.type` and `items.enum`. */
function checkItems(value: unknown, items: unknown, check: SettingCheck): void {
  if (!Array.isArray(value) || !isObject(items) || !isSettingType(items['type'])) return;
  const type = items['type'];
  const allowed = Array.isArray(items['enum']) ? items['enum'] : undefined;
  const index = value.findIndex((item) => !matchesType(item, type) || (allowed !== undefined && !allowed.includes(item)));
  if (index === -1) return;
  const item = value[index];
  const why = matchesType(item, type) ? 'is not one of items.enum' : `is ${withArticle(jsonTypeOf(item))}, not ${withArticle(type)}`;
  check.error('default', `default item ${index}, ${renderValue(item)}, ${why}`, 'make every default item fit "items"');
}
