import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { loadManifest } from '@berth/host';

const INVALID = join(import.meta.dirname, '../fixtures/manifests/invalid');
const { MANIFEST_INVALID: INVALID_CODE, MANIFEST_JSON, MANIFEST_UNREADABLE, MAIN_MISSING } = ErrorCodes;
const NAME_RULE =
  "lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, optionally prefixed by '@scope/', at most 64 characters";
const CATALOGUE =
  'filesystem.read, filesystem.write, network, process.spawn, process.unconfined, env, docker.access, hooks.tools, hooks.providers, worker.threads, native.addons';
const VARIABLES = '${workspace}, ${home}, ${pluginData}, ${tmp}';

/** Each fixture → its error code and the problem line(s) its message must hold (after `<file>: `). */
const CASES: Readonly<Record<string, { code: string; lines: readonly string[] }>> = {
  'no-manifest': { code: MANIFEST_UNREADABLE, lines: ['cannot read the plugin manifest: no plugin.json in this folder'] },
  'manifest-is-folder': { code: MANIFEST_UNREADABLE, lines: ['cannot read the plugin manifest: plugin.json is a folder, not a file'] },
  'json-trailing-comma': { code: MANIFEST_JSON, lines: ['<file>:4:1: not valid JSON: Expected double-quoted property name; fix: correct the JSON syntax at line 4, column 1'] },
  'json-missing-value': { code: MANIFEST_JSON, lines: ["<file>:4:1: not valid JSON: Unexpected token '}'; fix"] },
  'json-truncated': { code: MANIFEST_JSON, lines: ["<file>:3:21: not valid JSON: Expected ',' or '}' after property value"] },
  'json-empty': { code: MANIFEST_JSON, lines: ['<file>:1:1: not valid JSON: Unexpected end of JSON input'] },
  'not-an-object': { code: INVALID_CODE, lines: ['/: the manifest is an array, not an object'] },
  'name-missing': { code: INVALID_CODE, lines: ['/name: required field "name" is missing (expected "name": "my-plugin"); fix: add "name": "my-plugin"'] },
  'name-uppercase': { code: INVALID_CODE, lines: [`/name: "Docker-MCP" is not a valid plugin name (expected ${NAME_RULE})`] },
  'name-too-long': { code: INVALID_CODE, lines: [`/name: "${'p'.repeat(58)}… is not a valid plugin name (expected ${NAME_RULE})`] },
  'version-not-semver': { code: INVALID_CODE, lines: ['/version: "1.0" is not a semantic version (expected e.g. "1.0.0")'] },
  'version-v-prefix': { code: INVALID_CODE, lines: ['/version: "v1.0.0" is not a semantic version (expected e.g. "1.0.0"); fix: use MAJOR.MINOR.PATCH without a leading "v"'] },
  'version-number': { code: INVALID_CODE, lines: ['/version: 1 is a number, not a string (expected a string)'] },
  'type-unknown': { code: INVALID_CODE, lines: ['/type: "tools" is not one of the allowed values (expected one of "provider", "tool", "mcp", "mcp-provider"); fix: did you mean "tool"?'] },
  'type-missing': { code: INVALID_CODE, lines: ['/type: required field "type" is missing (expected "type": "tool" (or "provider", "mcp"))'] },
  'main-field-missing': { code: MAIN_MISSING, lines: ['/main: required field "main" is missing: a tool plugin runs the module it names (expected "main": "index.js")'] },
  'main-file-missing': { code: MAIN_MISSING, lines: ['/main: "dist/index.js" does not exist in <dir>; fix: build the plugin (e.g. npm run build) or correct "main"'] },
  'main-escapes-folder': { code: MAIN_MISSING, lines: ['/main: "../outside.js" leaves the plugin folder (expected a path inside the plugin folder, e.g. "index.js" or "dist/index.js")'] },
  'main-absolute': { code: MAIN_MISSING, lines: ['/main: "/etc/passwd" is an absolute path (expected a path inside the plugin folder'] },
  'main-is-folder': { code: MAIN_MISSING, lines: ['/main: "lib" is not a file; fix: point "main" at the entry module file'] },
  'main-symlink-escapes': { code: MAIN_MISSING, lines: [`/main: "entry.js" resolves to ${join(INVALID, 'main-file-missing/index.js')}, outside the plugin folder <dir> (through a symlink)`] },
  'permission-typo': { code: INVALID_CODE, lines: [`/permissions/0: "docker.acess" is not a known permission (expected one of ${CATALOGUE}); fix: did you mean "docker.access"?`] },
  'permission-unknown-scoped': { code: INVALID_CODE, lines: ['/permissions/0/permission: "gpu" is not a known permission (expected one of '] },
  'permission-scope-not-allowed': { code: INVALID_CODE, lines: ['/permissions/0: permission "docker.access" cannot be scoped (expected the plain string "docker.access")'] },
  'permission-wrong-scope-kind': { code: INVALID_CODE, lines: ['/permissions/0/paths: permission "network" is scoped by "hosts", not "paths" (expected "hosts": [ … ]); fix: rename "paths" to "hosts"'] },
  'permission-path-variable-typo': { code: INVALID_CODE, lines: [`/permissions/0/paths/0: \${workspce} is not a known path variable (expected one of ${VARIABLES}); fix: did you mean "\${workspace}"?`] },
  'permission-relative-path': { code: INVALID_CODE, lines: [`/permissions/0/paths/0: "build" is a relative path (expected an absolute path, or one starting with ${VARIABLES}); fix: write e.g. "\${workspace}/build"`] },
  'permissions-not-array': { code: INVALID_CODE, lines: ['/permissions: "docker.access" is a string, not an array (expected an array)'] },
  'setting-default-wrong-type': { code: INVALID_CODE, lines: ['/configuration/docker_socket/default: setting "docker_socket": default 2375 is a number, not a string (expected a string)'] },
  'setting-unknown-type': { code: INVALID_CODE, lines: ['/configuration/docker_socket/type: "strng" is not one of the allowed values (expected one of "string", "number", "integer", "boolean", "array", "object"); fix: did you mean "string"?'] },
  'setting-minimum-above-maximum': { code: INVALID_CODE, lines: ['/configuration/retries/minimum: setting "retries": minimum 10 is above maximum 1'] },
  'setting-bad-pattern': { code: INVALID_CODE, lines: ['/configuration/id/pattern: setting "id": "([a-z" is not a valid regular expression'] },
  'setting-default-not-in-enum': { code: INVALID_CODE, lines: ['/configuration/level/default: setting "level": default "medium" is not one of its enum values (expected one of "low", "high")'] },
  'setting-secret-not-string': { code: INVALID_CODE, lines: ['/configuration/pin/secret: setting "pin": only string settings can be secret, not integer'] },
  'setting-bad-name': { code: INVALID_CODE, lines: ['/configuration/1st: setting name "1st" is not valid'] },
  'dependency-bad-range': { code: INVALID_CODE, lines: ['/dependencies/docker-mcp-tools: "latest-and-greatest" is not a semver range (expected e.g. "^1.0.0"'] },
  'dependency-self': { code: INVALID_CODE, lines: ['/dependencies/fixture-plugin: plugin "fixture-plugin" lists itself as a dependency'] },
  'dependency-bad-name': { code: INVALID_CODE, lines: [`/dependencies/Docker Tools: dependency "Docker Tools" is not a valid plugin name (expected ${NAME_RULE})`] },
  'engines-bad-range': { code: INVALID_CODE, lines: ['/engines/berth: "one" is not a semver range'] },
  'mcp-without-entry': { code: MAIN_MISSING, lines: ['/: an mcp plugin needs "main" (a Node MCP server module) or "server" (a command to run or a URL to reach)'] },
  'mcp-main-and-server': { code: INVALID_CODE, lines: ['/server: an mcp plugin has either "main" or "server", not both'] },
  'server-command-and-url': { code: INVALID_CODE, lines: ['/server: a server block has "command" or "url", not both'] },
  'server-on-tool-plugin': { code: INVALID_CODE, lines: ['/server: a tool plugin cannot have a "server" block (only mcp plugins do); fix: remove "server", or set "type": "mcp"'] },
  'server-url-not-http': { code: INVALID_CODE, lines: ['/server/url: "ftp://example.com/mcp" is not an http(s) URL'] },
  'server-command-not-string': { code: INVALID_CODE, lines: ['/server/command: ["node","server.js"] is an array, not a string (expected a string)'] },
  'contribution-duplicate': { code: INVALID_CODE, lines: ['/contributes/tools/1/name: "echo" is declared twice in contributes.tools (first at index 0)'] },
  'contribution-bad-name': { code: INVALID_CODE, lines: ['/contributes/tools/0/name: "list containers" is not a valid contribution name'] },
  'contribution-missing-description': { code: INVALID_CODE, lines: ['/contributes/tools/0/description: required field "description" is missing'] },
  'activation-unknown': { code: INVALID_CODE, lines: ['/activation: "onDemand" is not one of the allowed values (expected one of "startup", "lazy")'] },
  'reload-typo': { code: INVALID_CODE, lines: ['/reload/onConfigChange: "restrat" is not one of the allowed values (expected one of "event", "restart"); fix: did you mean "restart"?'] },
  'limits-too-small': { code: INVALID_CODE, lines: ['/limits/memoryMb: 1 is too small (expected at least 16)'] },
  'limits-not-integer': { code: INVALID_CODE, lines: ['/limits/callTimeoutMs: 1.5 is a number with a fraction, not an integer (expected an integer)'] },
  'many-problems': {
    code: INVALID_CODE,
    lines: [
      '/name: "Bad Name" is not a valid plugin name',
      '/version: "1.0" is not a semantic version',
      '/type: "tools" is not one of the allowed values',
      '/permissions/0: "docker.acess" is not a known permission',
    ],
  },
};

/** The expected text with `<file>`/`<dir>` filled in; lines not starting with `<file>` are prefixed `<file>: `. */
function expand(line: string, dir: string): string {
  const file = join(dir, 'plugin.json');
  const full = line.startsWith('<file>') ? line : `<file>: ${line}`;
  return full.replaceAll('<file>', file).replaceAll('<dir>', dir);
}

describe('invalid manifests: each fixture gets its own precise error', () => {
  test('every fixture folder has an expectation, and there are at least 25', () => {
    const folders = readdirSync(INVALID).sort();
    expect(folders).toEqual(Object.keys(CASES).sort());
    expect(folders.length).toBeGreaterThanOrEqual(25);
  });

  test.each(Object.entries(CASES))('%s', async (name, { code, lines }) => {
    const dir = join(INVALID, name);
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.errors.map((e) => e.code)).toEqual([code]);
    for (const line of lines) expect(result.error.message).toContain(expand(line, dir));
    expect(result.problems).toHaveLength(lines.length);
    for (const problem of result.problems) {
      expect(problem.file).toBe(join(dir, 'plugin.json'));
      expect(problem.hint.length).toBeGreaterThan(0);
    }
  });

  test('no two fixtures are answered by the same message', async () => {
    const messages = await Promise.all(
      Object.keys(CASES).map(async (name) => {
        const result = await loadManifest(join(INVALID, name));
        return result.ok ? '' : result.error.message.replaceAll(join(INVALID, name), '<dir>');
      }),
    );
    expect(new Set(messages).size).toBe(messages.length);
  });
});
