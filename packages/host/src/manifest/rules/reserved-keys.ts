import { isObject } from '../describe-value.js';
import { toPointer } from '../pointer.js';
import { addError } from '../problem.js';
import type { ManifestRule } from './rule.js';

const RECORDS = ['configuration', 'dependencies'] as const;

/**
 * `__proto__` is refused as a setting or dependency name: JavaScript objects cannot hold it as a plain key, so it
 * would silently vanish (or, in careless code, change an object's prototype).
 */
export const reservedKeys: ManifestRule = (context) => {
  for (const record of RECORDS) {
    const value = context.raw[record];
    if (!isObject(value) || !Object.hasOwn(value, '__proto__')) continue;
    const path = toPointer([record, '__proto__']);
    context.own(path);
    addError(context.sink, {
      path,
      found: '"__proto__"',
      message: `"__proto__" cannot be used as a ${record === 'configuration' ? 'setting' : 'dependency'} name`,
      hint: 'rename it',
    });
  }
};
