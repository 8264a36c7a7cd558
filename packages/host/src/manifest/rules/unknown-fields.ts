import {
  contributesSchema,
  enginesSchema,
  httpServerSchema,
  limitsSchema,
  mcpServerContributionSchema,
  pluginManifestSchema,
  providerContributionSchema,
  reloadSchema,
  scopedEnvPermissionSchema,
  scopedFilesystemPermissionSchema,
  scopedNetworkPermissionSchema,
  scopedProcessPermissionSchema,
  settingItemsSchema,
  settingSchema,
  stdioServerSchema,
  toolContributionSchema,
} from '@berth/sdk';
import { didYouMean } from '../did-you-mean.js';
import { isObject } from '../describe-value.js';
import { toPointer } from '../pointer.js';
import { addWarning } from '../problem.js';
import type { ManifestRule, RuleContext } from './rule.js';

type Keys = readonly string[];

const keysOf = (...shapes: { shape: object }[]): Keys => [...new Set(shapes.flatMap((s) => Object.keys(s.shape)))];

const TOP = keysOf(pluginManifestSchema);
const SETTING = keysOf(settingSchema);
const ITEMS = keysOf(settingItemsSchema);
const PERMISSION = keysOf(scopedFilesystemPermissionSchema, scopedNetworkPermissionSchema, scopedEnvPermissionSchema, scopedProcessPermissionSchema);
const NESTED: Readonly<Record<string, Keys>> = {
  engines: keysOf(enginesSchema),
  contributes: keysOf(contributesSchema),
  reload: keysOf(reloadSchema.unwrap()),
  limits: keysOf(limitsSchema),
  server: keysOf(stdioServerSchema, httpServerSchema),
};
const CONTRIBUTIONS: Readonly<Record<string, Keys>> = {
  tools: keysOf(toolContributionSchema),
  providers: keysOf(providerContributionSchema),
  mcpServers: keysOf(mcpServerContributionSchema),
};

function check(context: RuleContext, value: unknown, known: Keys, path: PropertyKey[]): void {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = didYouMean(key, known);
    addWarning(context.sink, {
      path: toPointer([...path, key]),
      message: `unknown field "${key}" is ignored`,
      hint: suggestion ?? 'remove it, or check the field names in the plugin.json schema',
    });
  }
}

function eachItem(value: unknown, visit: (item: unknown, index: number) => void): void {
  if (Array.isArray(value)) value.forEach(visit);
}

/** Unknown fields, at any level the schema knows, are warnings with a "did you mean" when close to a known one. */
export const unknownFields: ManifestRule = (context) => {
  const { raw } = context;
  check(context, raw, TOP, []);
  for (const [field, keys] of Object.entries(NESTED)) check(context, raw[field], keys, [field]);
  const contributes = raw['contributes'];
  if (isObject(contributes)) {
    for (const [kind, keys] of Object.entries(CONTRIBUTIONS)) {
      eachItem(contributes[kind], (item, i) => check(context, item, keys, ['contributes', kind, i]));
    }
  }
  eachItem(raw['permissions'], (entry, i) => check(context, entry, PERMISSION, ['permissions', i]));
  const configuration = raw['configuration'];
  if (isObject(configuration)) {
    for (const [name, setting] of Object.entries(configuration)) {
      check(context, setting, SETTING, ['configuration', name]);
      if (isObject(setting)) check(context, setting['items'], ITEMS, ['configuration', name, 'items']);
    }
  }
};
