import { isObject, jsonTypeOf, renderValue, withArticle } from '../describe-value.js';
import type { ManifestRule } from './rule.js';
import { checkDefault, compile, isSettingType, matchesType, settingCheck } from './setting-values.js';
import type { SettingCheck } from './setting-values.js';

const NUMERIC = new Set(['number', 'integer']);

/**
 * Each setting is consistent with its `type`: the default, enum values, bounds, pattern, items and `secret` all fit,
 * and `minimum` is not above `maximum`.
 */
export const settings: ManifestRule = (context) => {
  const configuration = context.raw['configuration'];
  if (!isObject(configuration)) return;
  for (const [name, setting] of Object.entries(configuration)) {
    if (!isObject(setting) || !isSettingType(setting['type'])) continue;
    const check = settingCheck(context.sink, name);
    const type = setting['type'];
    checkFieldsFitType(setting, type, check);
    checkEnum(setting, type, check);
    checkDefault(setting, type, check);
    if (setting['required'] === true && 'default' in setting) {
      check.warn('required', 'is required but has a default, so it is never missing', 'remove "required" or the default');
    }
  }
};

function checkFieldsFitType(setting: Record<string, unknown>, type: string, check: SettingCheck): void {
  const { minimum, maximum, pattern } = setting;
  if ((minimum !== undefined || maximum !== undefined) && !NUMERIC.has(type)) {
    check.error(minimum !== undefined ? 'minimum' : 'maximum', `"minimum"/"maximum" apply to number and integer settings, not ${type}`,
      'remove them, or change "type"');
  }
  if (typeof minimum === 'number' && typeof maximum === 'number' && minimum > maximum) {
    check.error('minimum', `minimum ${minimum} is above maximum ${maximum}`, 'swap them');
  }
  if (pattern !== undefined && type !== 'string') {
    check.error('pattern', `"pattern" applies to string settings, not ${type}`, 'remove it, or change "type"');
  } else if (typeof pattern === 'string' && compile(pattern) === undefined) {
    check.error('pattern', `${renderValue(pattern)} is not a valid regular expression`, 'fix the regular expression', 'a JavaScript regular expression (Unicode mode)');
  }
  if (setting['items'] !== undefined && type !== 'array') {
    check.error('items', `"items" applies to array settings, not ${type}`, 'remove it, or set "type": "array"');
  }
  if (setting['secret'] === true && type !== 'string') {
    check.error('secret', `only string settings can be secret, not ${type}`, 'set "type": "string", or remove "secret"');
  }
}

function checkEnum(setting: Record<string, unknown>, type: string, check: SettingCheck): void {
  const values = setting['enum'];
  if (!Array.isArray(values)) return;
  if (type === 'array' || type === 'object') {
    check.error('enum', `"enum" applies to string, number, integer and boolean settings, not ${type}`,
      type === 'array' ? 'move it to "items": {"enum": [...]}' : 'remove it');
    return;
  }
  const wrong = values.find((value) => !matchesType(value, type));
  if (wrong !== undefined) {
    check.error('enum', `enum value ${renderValue(wrong)} is ${withArticle(jsonTypeOf(wrong))}, not ${withArticle(type)}`,
      `make every enum value ${withArticle(type)}`);
  }
}
