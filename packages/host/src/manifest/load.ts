import path from 'node:path';
import { MainMissingError, ManifestJsonError, ManifestUnreadableError } from '@berth/sdk';
import type { BerthError } from '@berth/sdk';
import type { ManifestProblem } from '@berth/sdk';
import { readText } from './fast-fs.js';
import { jsonErrorPosition, jsonErrorReason } from './json-position.js';
import { checkMainFile } from './main-file.js';
import type { ManifestLoadResult } from './result.js';
import { validateManifest } from './validate.js';

/** The manifest's file name inside a plugin folder. */
const MANIFEST_FILE = 'plugin.json';

const READ_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no plugin.json in this folder',
  EISDIR: 'plugin.json is a folder, not a file',
  ENOTREG: 'plugin.json is not a regular file (a pipe, socket or device)',
  EFBIG: 'plugin.json is larger than 4 MiB (a manifest holds settings and permissions, not data)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'the plugin folder is not a folder',
};

/**
 * Reads, parses and validates `<pluginDir>/plugin.json`, then checks that `main` exists inside the folder.
 * Reports an unreadable file, bad JSON (with line and column) or every validation problem at once.
 * Never throws (not even for a folder that does not exist).
 */
export async function loadManifest(pluginDir: string): Promise<ManifestLoadResult> {
  const file = path.join(pluginDir, MANIFEST_FILE);
  try {
    return await load(pluginDir, file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unexpected failure';
    return failed(pluginDir, file, new ManifestUnreadableError(file, reason, error), `cannot read the plugin manifest: ${reason}`);
  }
}

async function load(dir: string, file: string): Promise<ManifestLoadResult> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_REASONS[code] ?? (code || 'unexpected failure');
    return failed(dir, file, new ManifestUnreadableError(file, reason, error), `cannot read the plugin manifest: ${reason}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, error);
    const reason = jsonErrorReason(error);
    return failed(dir, file, new ManifestJsonError(file, line, column, reason), `not valid JSON at line ${line}, column ${column}: ${reason}`);
  }
  const validation = validateManifest(value, file);
  if (!validation.ok) return { ...validation, file, dir };
  const { manifest, warnings } = validation;
  if (manifest.main === undefined) return { ok: true, file, dir, manifest, warnings };
  const main = await checkMainFile(file, dir, manifest.main);
  if (!main.ok) {
    const error = new MainMissingError(file, [main.problem], manifest.name);
    return { ok: false, file, dir, name: manifest.name, error, errors: [error], problems: [main.problem], warnings };
  }
  return { ok: true, file, dir, manifest, mainPath: main.mainPath, warnings };
}

function failed(dir: string, file: string, error: BerthError, message: string): ManifestLoadResult {
  const hint = typeof error.details.hint === 'string' ? error.details.hint : 'fix plugin.json';
  const problem: ManifestProblem = { file, path: '', message, hint, code: error.code };
  return { ok: false, file, dir, error, errors: [error], problems: [problem], warnings: [] };
}
