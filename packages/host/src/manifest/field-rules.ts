import { PLUGIN_NAME_RULE } from '@berth/sdk';

/** What a field's value must look like, for messages about a value that has the right type but a wrong form. */
export interface FieldRule {
  /** What is wrong, given the value found (rendered as JSON). */
  readonly message: (found: string) => string;
  /** What was expected. */
  readonly expected: string;
  /** How to fix it. */
  readonly hint: string;
}

const semverRange: FieldRule = {
  message: (found) => `${found} is not a semver range`,
  expected: 'e.g. "^1.0.0" or ">=1.2.0 <2.0.0"',
  hint: 'write a range npm understands, e.g. "^1.0.0"',
};

const contributionName: FieldRule = {
  message: (found) => `${found} is not a valid contribution name`,
  expected: "letters, digits, '_', '-' and '.', 1 to 64 characters",
  hint: 'rename it, e.g. "list-containers"',
};

/** Field rules by path pattern (`*` stands for any array index or record key). */
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  '/name': {
    message: (found) => `${found} is not a valid plugin name`,
    expected: PLUGIN_NAME_RULE,
    hint: 'rename the plugin, e.g. "my-plugin" or "@acme/my-plugin"',
  },
  '/version': {
    message: (found) => `${found} is not a semantic version`,
    expected: 'e.g. "1.0.0"',
    hint: 'use MAJOR.MINOR.PATCH without a leading "v", e.g. "1.0.0"',
  },
  '/engines/berth': semverRange,
  '/dependencies/*': semverRange,
  '/contributes/tools/*/name': contributionName,
  '/contributes/providers/*/name': contributionName,
  '/contributes/mcpServers/*/name': contributionName,
  '/server/url': {
    message: (found) => `${found} is not an http(s) URL`,
    expected: 'e.g. "http://127.0.0.1:8080/mcp"',
    hint: 'give the full URL of the Streamable HTTP endpoint',
  },
};

/** Rules for invalid record keys, by the record's path pattern. */
export const KEY_RULES: Readonly<Record<string, FieldRule>> = {
  '/dependencies': {
    message: (found) => `dependency ${found} is not a valid plugin name`,
    expected: PLUGIN_NAME_RULE,
    hint: 'use the name from the dependency\'s own plugin.json',
  },
  '/configuration': {
    message: (found) => `setting name ${found} is not valid`,
    expected: "a letter or '_', then letters, digits, '_', '-' or '.'",
    hint: 'rename the setting, e.g. "docker_socket"',
  },
};

/** Example values for required fields, used in "is missing" hints. */
export const FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  '/name': '"name": "my-plugin"',
  '/version': '"version": "1.0.0"',
  '/type': '"type": "tool" (or "provider", "mcp")',
  '/main': '"main": "index.js"',
};

/** The pattern of a path: array indices and record keys become `*`. */
export function pathPattern(path: readonly PropertyKey[]): string {
  let pattern = '';
  path.forEach((key, i) => {
    const parent = path[i - 1];
    const dynamic = typeof key === 'number' || parent === 'dependencies' || parent === 'configuration';
    pattern += '/' + (dynamic && i > 0 ? '*' : String(key));
  });
  return pattern;
}
