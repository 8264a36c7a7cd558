import { isObject } from '../describe-value.js';
import { toPointer } from '../pointer.js';
import { addError } from '../problem.js';
import type { ManifestRule } from './rule.js';

/** A plugin does not depend on itself. */
export const dependencies: ManifestRule = (context) => {
  const { raw } = context;
  const deps = raw['dependencies'];
  const name = raw['name'];
  if (!isObject(deps) || typeof name !== 'string' || !Object.hasOwn(deps, name)) return;
  addError(context.sink, {
    path: toPointer(['dependencies', name]),
    message: `plugin "${name}" lists itself as a dependency`,
    hint: `remove "${name}" from "dependencies"`,
  });
};
