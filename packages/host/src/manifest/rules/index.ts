import { contributions } from './contributions.js';
import { dependencies } from './dependencies.js';
import { entryPoint, serverBlock } from './entry-point.js';
import { mainPath } from './main-path.js';
import { permissions } from './permissions.js';
import { reservedKeys } from './reserved-keys.js';
import type { ManifestRule } from './rule.js';
import { settings } from './settings.js';
import { unknownFields } from './unknown-fields.js';

export type { ManifestRule, RuleContext } from './rule.js';

/** Every rule run on a manifest besides the schema, in reporting order. */
export const MANIFEST_RULES: readonly ManifestRule[] = [
  entryPoint,
  mainPath,
  serverBlock,
  dependencies,
  reservedKeys,
  permissions,
  settings,
  contributions,
  unknownFields,
];
