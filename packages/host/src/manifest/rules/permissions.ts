import { PATH_VARIABLES, PERMISSION_CATALOGUE, PERMISSION_NAMES, isPermissionName } from '@berth/sdk';
import type { PermissionScopeKind } from '@berth/sdk';
import { didYouMean } from '../did-you-mean.js';
import { isObject, jsonTypeOf, renderValue, withArticle } from '../describe-value.js';
import { toPointer } from '../pointer.js';
import { addError, addWarning } from '../problem.js';
import type { ManifestRule, RuleContext } from './rule.js';

const SCOPE_KEYS: readonly PermissionScopeKind[] = ['paths', 'hosts', 'names', 'programs'];
const CATALOGUE_LIST = PERMISSION_NAMES.join(', ');
const SCOPED_EXAMPLE = '{"permission": "filesystem.read", "paths": ["${workspace}"]}';

/** Each entry of `permissions`: a known permission, plain or scoped with the right scope; duplicates warned. */
export const permissions: ManifestRule = (context) => {
  const list = context.raw['permissions'];
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((entry, index) => {
    const path: PropertyKey[] = ['permissions', index];
    context.own(toPointer(path));
    const name = checkEntry(context, entry, path);
    if (name === undefined) return;
    const key = `${name}${isObject(entry) ? JSON.stringify(entry) : ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      addWarning(context.sink, {
        path: toPointer(path),
        message: `permission "${name}" is declared twice (also at /permissions/${first})`,
        hint: 'remove the duplicate',
      });
    } else seen.set(key, index);
  });
  unconfinedWithoutCommand(context, list);
};

/** `process.unconfined` only concerns an mcp plugin's `server.command`; elsewhere it grants nothing. */
function unconfinedWithoutCommand(context: RuleContext, list: readonly unknown[]): void {
  const index = list.indexOf('process.unconfined');
  const server = context.raw['server'];
  if (index === -1 || (isObject(server) && 'command' in server)) return;
  addWarning(context.sink, {
    path: toPointer(['permissions', index]),
    message: '"process.unconfined" only applies to the command in an mcp plugin\'s "server" block, and this manifest has none',
    hint: 'remove it (the plugin\'s own code always runs in the sandbox)',
  });
}

/** Checks one entry; returns its permission name when the entry is valid. */
function checkEntry(context: RuleContext, entry: unknown, path: PropertyKey[]): string | undefined {
  if (typeof entry === 'string') return knownName(context, entry, path) ? entry : undefined;
  if (!isObject(entry)) {
    addError(context.sink, {
      path: toPointer(path),
      found: renderValue(entry),
      message: `${renderValue(entry)} is ${withArticle(jsonTypeOf(entry))}, not a permission`,
      expected: `a permission name such as "filesystem.read", or ${SCOPED_EXAMPLE}`,
      hint: 'write the permission as a string or a scoped permission object',
    });
    return undefined;
  }
  const name = entry['permission'];
  if (typeof name !== 'string') {
    addError(context.sink, {
      path: toPointer([...path, 'permission']),
      ...(name !== undefined ? { found: renderValue(name) } : {}),
      message: name === undefined ? 'a scoped permission needs a "permission" field' : `${renderValue(name)} is not a permission name`,
      expected: SCOPED_EXAMPLE,
      hint: 'add "permission": "<name>" naming a permission from the catalogue',
    });
    return undefined;
  }
  if (!knownName(context, name, [...path, 'permission'])) return undefined;
  return checkScope(context, entry, name, path) ? name : undefined;
}

function knownName(context: RuleContext, name: string, path: PropertyKey[]): boolean {
  if (isPermissionName(name)) return true;
  const suggestion = didYouMean(name, PERMISSION_NAMES);
  addError(context.sink, {
    path: toPointer(path),
    found: renderValue(name),
    message: `${renderValue(name)} is not a known permission`,
    expected: `one of ${CATALOGUE_LIST}`,
    hint: suggestion ?? 'use one of the permissions of the catalogue',
  });
  return false;
}

function checkScope(context: RuleContext, entry: Record<string, unknown>, name: string, path: PropertyKey[]): boolean {
  const info = isPermissionName(name) ? PERMISSION_CATALOGUE[name] : undefined;
  const wanted: PermissionScopeKind | undefined = info !== undefined && 'scope' in info ? info.scope : undefined;
  const given = SCOPE_KEYS.filter((key) => key in entry);
  if (wanted === undefined) {
    addError(context.sink, {
      path: toPointer(path),
      found: renderValue(entry),
      message: `permission "${name}" cannot be scoped`,
      expected: `the plain string "${name}"`,
      hint: `write "${name}" instead of an object`,
    });
    return false;
  }
  const wrong = given.find((key) => key !== wanted);
  if (wrong !== undefined || given.length === 0) {
    addError(context.sink, {
      path: toPointer(wrong !== undefined ? [...path, wrong] : path),
      message: wrong !== undefined ? `permission "${name}" is scoped by "${wanted}", not "${wrong}"` : `scoped permission "${name}" has no "${wanted}"`,
      expected: `"${wanted}": [ … ]`,
      hint: wrong !== undefined ? `rename "${wrong}" to "${wanted}"` : `add "${wanted}": [ … ], or write the plain string "${name}"`,
    });
    return false;
  }
  return checkScopeValues(context, entry[wanted], wanted, [...path, wanted]);
}

function checkScopeValues(context: RuleContext, values: unknown, kind: PermissionScopeKind, path: PropertyKey[]): boolean {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
    addError(context.sink, {
      path: toPointer(path),
      found: renderValue(values),
      message: `${renderValue(values)} is not a list of ${kind}`,
      expected: 'a non-empty array of non-empty strings',
      hint: `write e.g. "${kind}": [${kind === 'paths' ? '"${workspace}"' : kind === 'hosts' ? '"api.example.com"' : '"GITHUB_TOKEN"'}]`,
    });
    return false;
  }
  if (kind === 'programs') return values.every((value, i) => checkProgram(context, value as string, [...path, i]));
  if (kind !== 'paths') return true;
  return values.every((value, i) => checkPath(context, value as string, [...path, i]));
}

/** A program of a scoped `process.spawn` is an absolute path: a bare name would mean whatever PATH finds. */
function checkProgram(context: RuleContext, value: string, path: PropertyKey[]): boolean {
  if (value.startsWith('/')) return true;
  addError(context.sink, {
    path: toPointer(path),
    found: renderValue(value),
    message: `${renderValue(value)} is not an absolute path to a program`,
    expected: 'an absolute path such as "/usr/bin/chromium"',
    hint: `write the program's full path (e.g. the output of: command -v ${value})`,
  });
  return false;
}

function checkPath(context: RuleContext, value: string, path: PropertyKey[]): boolean {
  const variable = /^\$\{([^}]*)\}/.exec(value)?.[0];
  if (variable !== undefined && !(PATH_VARIABLES as readonly string[]).includes(variable)) {
    addError(context.sink, {
      path: toPointer(path),
      found: renderValue(value),
      message: `${variable} is not a known path variable`,
      expected: `one of ${PATH_VARIABLES.join(', ')}`,
      hint: didYouMean(variable, PATH_VARIABLES) ?? `start the path with one of ${PATH_VARIABLES.join(', ')}`,
    });
    return false;
  }
  if (variable === undefined && !value.startsWith('/')) {
    addError(context.sink, {
      path: toPointer(path),
      found: renderValue(value),
      message: `${renderValue(value)} is a relative path`,
      expected: `an absolute path, or one starting with ${PATH_VARIABLES.join(', ')}`,
      hint: `write e.g. "\${workspace}/${value.replace(/^\.\//, '')}"`,
    });
    return false;
  }
  return true;
}
