import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { jsonTypeOf, renderValue, withArticle, isObject } from './describe-value.js';
import { FIELD_EXAMPLES, FIELD_RULES, KEY_RULES, pathPattern } from './field-rules.js';
import { toPointer, valueAt } from './pointer.js';
import type { ProblemInput } from './problem.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const TYPE_NAMES: Readonly<Record<string, string>> = { int: 'integer', record: 'object' };

/** Turns zod issues about `root` into manifest problems with found, expected and a fix. */
export function issuesToProblems(issues: readonly Issue[], root: unknown): ProblemInput[] {
  return issues.map((issue) => issueToProblem(issue, [], root));
}

function issueToProblem(issue: Issue, base: Path, root: unknown): ProblemInput {
  const path = [...base, ...issue.path];
  const found = valueAt(root, path);
  const pointer = toPointer(path);
  const rendered = renderValue(found);
  const rule = FIELD_RULES[pathPattern(path)];
  const at = (problem: Omit<ProblemInput, 'path'>): ProblemInput => ({
    path: pointer,
    ...(found !== undefined ? { found: rendered } : {}),
    ...problem,
  });

  if (found === undefined && path.length > 0 && !hasKey(root, path)) return missing(path, root);
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(at, found, issue.expected);
    case 'invalid_union':
      return unionProblem(issue, path, root, at);
    case 'invalid_value':
      return notAnOption(at, found, issue.values);
    case 'invalid_key':
      return badKey(path);
    default:
      if (rule !== undefined) return at({ message: rule.message(rendered), expected: rule.expected, hint: rule.hint });
      return outOfRange(issue, at, found, rendered);
  }
}

function isMissing(issue: Issue, base: Path, root: unknown): boolean {
  const path = [...base, ...issue.path];
  return issue.code === 'invalid_type' && valueAt(root, path) === undefined && !hasKey(root, path);
}

function hasKey(root: unknown, path: Path): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  return isObject(parent) && key !== undefined && Object.hasOwn(parent, key);
}

function missing(path: Path, root: unknown): ProblemInput {
  const pointer = toPointer(path);
  const key = String(path[path.length - 1] ?? '');
  const parent = valueAt(root, path.slice(0, -1));
  const typo = isObject(parent) ? Object.keys(parent).find((k) => didYouMean(k, [key]) !== undefined) : undefined;
  const example = FIELD_EXAMPLES[pointer] ?? `"${key}": …`;
  return {
    path: pointer,
    message: `required field "${key}" is missing`,
    expected: example,
    hint: typo !== undefined ? `rename "${typo}" to "${key}"` : `add ${example}`,
  };
}

function wrongType(
  at: (p: Omit<ProblemInput, 'path'>) => ProblemInput,
  found: unknown,
  expected: string,
): ProblemInput {
  const want = TYPE_NAMES[expected] ?? expected;
  const is = Number.isFinite(found) && want === 'integer' ? 'a number with a fraction' : withArticle(jsonTypeOf(found));
  return at({
    message: `${renderValue(found)} is ${is}, not ${withArticle(want)}`,
    expected: withArticle(want),
    hint: `write ${withArticle(want)} here`,
  });
}

function notAnOption(
  at: (p: Omit<ProblemInput, 'path'>) => ProblemInput,
  found: unknown,
  values: readonly unknown[],
): ProblemInput {
  const options = values.map((v) => renderValue(v)).join(', ');
  const suggestion = typeof found === 'string' ? didYouMean(found, values.map(String)) : undefined;
  return at({
    message: `${renderValue(found)} is not one of the allowed values`,
    expected: `one of ${options}`,
    hint: suggestion ?? `use one of ${options}`,
  });
}

function badKey(path: Path): ProblemInput {
  const pointer = toPointer(path);
  const rule = KEY_RULES[pathPattern(path.slice(0, -1))];
  const key = renderValue(String(path[path.length - 1]));
  if (rule === undefined) return { path: pointer, message: `key ${key} is not allowed here`, hint: 'rename the key' };
  return { path: pointer, found: key, message: rule.message(key), expected: rule.expected, hint: rule.hint };
}

function unionProblem(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: Path,
  root: unknown,
  at: (p: Omit<ProblemInput, 'path'>) => ProblemInput,
): ProblemInput {
  // Follow the branch that got furthest: not a type mismatch of the value itself, fewest missing fields.
  const plausible = issue.errors
    .filter((branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'))
    .map((branch) => ({ branch, missing: branch.filter((i) => isMissing(i, path, root)).length }))
    .sort((a, b) => a.missing - b.missing || a.branch.length - b.branch.length);
  const [best, runnerUp] = plausible;
  const decided = best !== undefined && (runnerUp === undefined || runnerUp.missing > best.missing);
  const first = decided ? best.branch[0] : undefined;
  if (first !== undefined) return issueToProblem(first, path, root);
  const expected = issue.errors
    .map((b) => b.find((i) => i.path.length === 0 && i.code === 'invalid_type'))
    .map((i) => (i !== undefined && i.code === 'invalid_type' ? (TYPE_NAMES[i.expected] ?? i.expected) : undefined))
    .filter((t): t is string => t !== undefined);
  const unique = [...new Set(expected)].map(withArticle).join(' or ') || 'another form';
  return at({
    message: `${renderValue(valueAt(root, path))} is not allowed here`,
    expected: unique,
    hint: `write ${unique}`,
  });
}

function outOfRange(
  issue: Issue,
  at: (p: Omit<ProblemInput, 'path'>) => ProblemInput,
  found: unknown,
  rendered: string,
): ProblemInput {
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const small = issue.code === 'too_small';
    const bound = Number(small ? issue.minimum : issue.maximum);
    const word = small ? 'at least' : 'at most';
    if (typeof found === 'string') {
      return at({
        message: bound === 1 && small ? 'must not be empty' : `${rendered} is too ${small ? 'short' : 'long'}`,
        expected: `${word} ${bound} characters`,
        hint: small ? 'fill it in or remove the field' : 'shorten it',
      });
    }
    if (Array.isArray(found)) {
      return at({
        message: `has ${found.length} item${found.length === 1 ? '' : 's'}`,
        expected: `${word} ${bound}`,
        hint: small ? 'add an item or remove the field' : 'remove items',
      });
    }
    return at({ message: `${rendered} is too ${small ? 'small' : 'large'}`, expected: `${word} ${bound}`, hint: `use a number ${word} ${bound}` });
  }
  if (issue.code === 'invalid_format') {
    return at({ message: `${rendered} is not in the expected format`, expected: `a ${issue.format}`, hint: `write a valid ${issue.format}` });
  }
  return at({ message: `${rendered} is not valid here: ${issue.message}`, hint: 'see the plugin.json schema for this field' });
}
