import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidPluginName, PLUGIN_NAME_RULE, ScaffoldRefusedError } from '@berth/sdk';
import { writeManifestTypes } from '../manifest-types-file.js';
import { plannedDependencies, type PlannedDependency } from './dependencies.js';
import { cliPackageDir } from './installed-packages.js';
import { linkDependencies } from './link-dependencies.js';
import { SCAFFOLD_TYPES, isScaffoldType, type ScaffoldType } from './scaffold-type.js';

/** What {@link writeScaffold} is asked for. */
export interface ScaffoldRequest {
  /** The plugin's name (`hello`, `@acme/hello`). */
  readonly name: string;
  /** Its type. */
  readonly type: string;
  /** The folder to create (must be absent or empty). */
  readonly dir: string;
}

/** What {@link writeScaffold} wrote. */
export interface ScaffoldResult {
  /** The plugin folder. */
  readonly dir: string;
  /** Its type. */
  readonly type: ScaffoldType;
  /** The files written, relative to `dir`. */
  readonly files: readonly string[];
  /** Dependencies this installation could not link (`npm install` gets them). */
  readonly missing: readonly string[];
}

const SCHEMA = './node_modules/@berth/sdk/plugin.schema.json';

/** The files of one template folder, relative to it. */
async function filesOf(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesOf(dir, path.join(prefix, e.name)) : Promise.resolve([path.join(prefix, e.name)]))),
  );
  return nested.flat().sort();
}

function packageJson(name: string, type: ScaffoldType, dependencies: readonly PlannedDependency[]): string {
  const main = type === 'mcp' ? 'dist/src/server.js' : 'dist/src/index.js';
  const group = (kind: PlannedDependency['kind']): Record<string, string> =>
    Object.fromEntries(dependencies.filter((d) => d.kind === kind).map((d) => [d.name, d.spec]));
  const json = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    main,
    files: ['dist/src'],
    scripts: {
      build: 'berth types && tsc',
      watch: 'tsc --watch --preserveWatchOutput',
      test: 'npm run build --silent && node --test dist/test/',
      package: 'npm run build --silent && berth pack',
    },
    dependencies: group('dependencies'),
    devDependencies: group('devDependencies'),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

async function refuseNonEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) throw new ScaffoldRefusedError(dir, 'the folder exists and is not empty', 'choose another --dir, or remove the folder');
}

/**
 * Writes a new plugin folder: `plugin.json` (with `$schema`), TypeScript source typed by its manifest, a test run by
 * `node --test` through `@berth/testing`, a build (`berth types && tsc`), a README; then links this installation's
 * copies of its dependencies so `npm test` and `berth dev` work at once, offline.
 */
export async function writeScaffold(request: ScaffoldRequest): Promise<ScaffoldResult> {
  const { name, dir } = request;
  if (!isValidPluginName(name)) throw new ScaffoldRefusedError(dir, `"${name}" is not a valid plugin name`, `use ${PLUGIN_NAME_RULE}`);
  if (!isScaffoldType(request.type)) throw new ScaffoldRefusedError(dir, `"${request.type}" is not a plugin type`, `use --type ${SCAFFOLD_TYPES.join(', --type ')}`);
  const type = request.type;
  await refuseNonEmpty(dir);
  await mkdir(dir, { recursive: true });
  const templates = path.join(cliPackageDir(), 'templates');
  const written: string[] = [];
  for (const folder of ['common', type]) {
    const from = path.join(templates, folder);
    for (const file of await filesOf(from)) {
      const target = file === 'gitignore' ? '.gitignore' : file; // npm drops .gitignore files from packages
      await mkdir(path.dirname(path.join(dir, target)), { recursive: true });
      const text = await readFile(path.join(from, file), 'utf8');
      await writeFile(path.join(dir, target), text.replaceAll('__NAME__', name).replaceAll('__TYPE__', type).replaceAll('__SCHEMA__', SCHEMA));
      written.push(target);
    }
  }
  const dependencies = plannedDependencies(type);
  await writeFile(path.join(dir, 'package.json'), packageJson(name, type, dependencies));
  written.push('package.json');
  if (type !== 'mcp') written.push(path.relative(dir, (await writeManifestTypes(dir)).file));
  const missing = await linkDependencies(dir, dependencies);
  return { dir, type, files: written.sort(), missing };
}

