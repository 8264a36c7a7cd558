#!/usr/bin/env node
// Packs the `berth` command as one installable tarball: `npm run pack:cli` → berth-cli-<version>.tgz, which
// `npm install -g ./berth-cli-<version>.tgz` installs outside the repository. The workspace packages it needs
// (@berth/sdk, @berth/host and the core plugins it imports) are not on the registry: each is packed by npm
// (`npm pack -w`, so exactly its published files) and bundled; the core plugins are also unpacked into the
// package's own `plugins/` folder, the core root an installed CLI serves. npm takes every dependency reachable
// from a bundled package to be in the bundle too, so the whole production tree is bundled: the third-party
// dependencies are installed into the staging folder (`npm install --omit=dev --ignore-scripts`, from the lock's
// versions where the cache has them) and the tarball installs without the registry.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const out = path.resolve(process.argv[2] ?? process.cwd());
const bundled = ['packages/sdk', 'packages/host', 'plugins/docker-llm', 'plugins/sandbox-manager'];
const core = ['plugins/docker-mcp', 'plugins/docker-llm', 'plugins/sandbox-manager'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const json = (file) => JSON.parse(readFileSync(file, 'utf8'));

const work = mkdtempSync(path.join(os.tmpdir(), 'berth-pack-'));
try {
  const stage = path.join(work, 'package');
  const tarballs = path.join(work, 'tarballs');
  mkdirSync(tarballs);
  /** npm-packs a workspace and unpacks it at `to`. */
  const unpack = (workspace, to) => {
    const [info] = JSON.parse(execFileSync(npm, ['pack', '-w', workspace, '--json', '--pack-destination', tarballs], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
    const tmp = mkdtempSync(path.join(work, 'x-'));
    execFileSync('tar', ['xzf', path.join(tarballs, info.filename), '-C', tmp]);
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(path.join(tmp, 'package'), to);
    return json(path.join(to, 'package.json'));
  };

  const cli = json(path.join(repo, 'packages', 'cli', 'package.json'));
  mkdirSync(stage);
  cpSync(path.join(repo, 'packages', 'cli', 'dist'), path.join(stage, 'dist'), { recursive: true });
  const dependencies = {};
  const addDeps = (deps = {}) => {
    for (const [name, range] of Object.entries(deps)) if (!name.startsWith('@berth/') && dependencies[name] === undefined) dependencies[name] = range;
  };
  addDeps(cli.dependencies);
  const bundleNames = [];
  for (const workspace of bundled) {
    const name = json(path.join(repo, workspace, 'package.json')).name;
    const manifest = unpack(workspace, path.join(stage, 'node_modules', ...name.split('/')));
    addDeps(manifest.dependencies);
    bundleNames.push(name);
    dependencies[name] = manifest.version;
  }
  for (const workspace of core) {
    const manifest = unpack(workspace, path.join(stage, 'plugins', path.basename(workspace)));
    addDeps(manifest.dependencies);
  }
  const staged = {
    name: cli.name,
    version: cli.version,
    description: 'Berth — a plugin host for AI developer assistants (the berth command, with its core plugins)',
    type: 'module',
    license: cli.license,
    engines: cli.engines,
    bin: cli.bin,
    files: ['dist', 'plugins'],
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
  };
  // Third-party dependencies first (npm cannot resolve @berth/* from the registry), then the workspace packages.
  const berth = Object.fromEntries(bundleNames.map((name) => [name, dependencies[name]]));
  const thirdParty = Object.fromEntries(Object.entries(staged.dependencies).filter(([name]) => !name.startsWith('@berth/')));
  const modules = path.join(stage, 'node_modules');
  renameSync(modules, path.join(work, 'berth-modules'));
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...staged, dependencies: thirdParty, bundleDependencies: undefined }, null, 2)}\n`);
  execFileSync(npm, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(path.join(modules, '@berth'), { recursive: true });
  for (const name of bundleNames) renameSync(path.join(work, 'berth-modules', ...name.split('/')), path.join(modules, ...name.split('/')));
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...staged, dependencies: { ...thirdParty, ...berth }, bundleDependencies: true }, null, 2)}\n`);
  const [info] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 512 * 1024 * 1024 }));
  process.stdout.write(`${path.join(out, info.filename)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
