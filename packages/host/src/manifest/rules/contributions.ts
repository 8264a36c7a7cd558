import { isObject } from '../describe-value.js';
import { toPointer } from '../pointer.js';
import { addError, addWarning } from '../problem.js';
import type { ManifestRule, RuleContext } from './rule.js';

const KINDS = ['tools', 'providers', 'mcpServers'] as const;

/** Contribution names are unique within their kind; lazy plugins declare something to be started by. */
export const contributions: ManifestRule = (context) => {
  const contributes = context.raw['contributes'];
  if (isObject(contributes)) for (const kind of KINDS) uniqueNames(context, contributes[kind], kind);
  if (context.raw['activation'] === 'lazy' && !declaresAny(contributes)) {
    addWarning(context.sink, {
      path: '/activation',
      message: 'a lazy plugin starts on first use of a contribution, but it declares none in "contributes", so it never starts',
      hint: 'declare its tools, providers or MCP servers in "contributes", or use "activation": "startup"',
    });
  }
};

function uniqueNames(context: RuleContext, list: unknown, kind: string): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    const name = isObject(item) ? item['name'] : undefined;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) return void seen.set(name, index);
    addError(context.sink, {
      path: toPointer(['contributes', kind, index, 'name']),
      found: JSON.stringify(name),
      message: `"${name}" is declared twice in contributes.${kind} (first at index ${first})`,
      hint: 'give each contribution its own name, or remove the duplicate',
    });
  });
}

function declaresAny(contributes: unknown): boolean {
  return isObject(contributes) && KINDS.some((kind) => Array.isArray(contributes[kind]) && contributes[kind].length > 0);
}
