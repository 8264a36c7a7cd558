import { ErrorCodes, MANIFEST_FIELDS, MainMissingError, ManifestInvalidError, isValidPluginName, pluginManifestSchema } from '@berth/sdk';
import type { ManifestProblem } from '@berth/sdk';
import { isObject, jsonTypeOf, withArticle } from './describe-value.js';
import { MAX_MANIFEST_DEPTH, tooDeepField } from './depth.js';
import { isWithin, toPointer } from './pointer.js';
import { addError, createSink } from './problem.js';
import type { ProblemSink } from './problem.js';
import type { ManifestValidation } from './result.js';
import { MANIFEST_RULES } from './rules/index.js';
import type { RuleContext } from './rules/index.js';
import { issuesToProblems } from './zod-issues.js';

const FIELD_ORDER = new Map<string, number>(MANIFEST_FIELDS.map((field, i) => [field, i]));

/**
 * Validates already-parsed `plugin.json` content. Pure (no file system: `main`'s existence is checked by
 * `loadManifest`). Reports every problem at once; never throws.
 *
 * @param value - the parsed JSON
 * @param file - the manifest's file name, used in every problem (e.g. `examples/x/plugin.json`)
 */
export function validateManifest(value: unknown, file: string): ManifestValidation {
  try {
    return validate(value, file);
  } catch (error) {
    const sink = createSink(file);
    addError(sink, {
      path: '',
      message: `internal error while validating: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'report this as a Berth bug, with the plugin.json',
    });
    return failure(sink, undefined);
  }
}

function validate(value: unknown, file: string): ManifestValidation {
  const sink = createSink(file);
  if (!isObject(value)) {
    addError(sink, {
      path: '',
      message: `the manifest is ${withArticle(jsonTypeOf(value))}, not an object`,
      expected: 'an object such as {"name": "my-plugin", "version": "1.0.0", "type": "tool", "main": "index.js"}',
      hint: 'make plugin.json hold one JSON object',
    });
    return failure(sink, undefined);
  }
  const deep = tooDeepField(value);
  if (deep !== undefined) {
    addError(sink, {
      path: toPointer([deep]),
      message: `nests more than ${MAX_MANIFEST_DEPTH} levels deep`,
      hint: 'flatten the value; a plugin manifest never needs such nesting',
    });
    return failure(sink, undefined);
  }
  const owned: string[] = [];
  const context: RuleContext = { raw: value, sink, own: (pointer) => void owned.push(pointer) };
  for (const rule of MANIFEST_RULES) rule(context);
  const parsed = pluginManifestSchema.safeParse(value);
  const name = isValidPluginName(value['name']) ? value['name'] : undefined;
  if (!parsed.success) {
    const ruled = new Set(sink.errors.map((p) => p.path));
    const fromSchema = issuesToProblems(parsed.error.issues, value)
      .filter((p) => !ruled.has(p.path) && !owned.some((o) => isWithin(p.path, o)))
      .filter((p, i, all) => all.findIndex((q) => q.path === p.path) === i)
      .map((p) => ({ file, ...p }));
    sink.errors.unshift(...fromSchema);
  }
  if (sink.errors.length > 0) return failure(sink, name);
  if (!parsed.success) throw new Error('schema failed without problems');
  return { ok: true, manifest: parsed.data, warnings: sortByField(sink.warnings) };
}

function failure(sink: ProblemSink, name: string | undefined): ManifestValidation {
  const errors = sortByField(sink.errors);
  const onlyMain = errors.every((p) => p.code === ErrorCodes.MAIN_MISSING);
  const error = onlyMain ? new MainMissingError(sink.file, errors, name) : new ManifestInvalidError(sink.file, errors, name);
  return { ok: false, error, errors: [error], problems: errors, warnings: sortByField(sink.warnings), ...(name !== undefined ? { name } : {}) };
}

/** Problems in the order of the manifest's fields (the whole document first, unknown fields last); stable. */
function sortByField(problems: readonly ManifestProblem[]): ManifestProblem[] {
  const rank = (p: ManifestProblem): number => {
    if (p.path === '') return -1;
    const field = p.path.slice(1).split('/')[0] ?? '';
    return FIELD_ORDER.get(field.replaceAll('~1', '/').replaceAll('~0', '~')) ?? FIELD_ORDER.size;
  };
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ p }) => p);
}
