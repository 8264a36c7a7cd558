// Bundles the `berth` command (dist/cli.js, as tsc built it) into dist/main.js — the package's bin — and chunks
// beside it, with esbuild. Why: Node spends most of a short command loading modules one file at a time (the control
// client alone pulled ~540: zod, the SDK …); a few files load in a fraction of that, so `berth plugins list`
// through a running server, or from the files, costs little more than starting Node (bench/cli.bench.js).
// Bundled: the CLI's own modules and the packages its quick paths use (commander, zod, semver, env-paths,
// vscode-jsonrpc, the SDK, `@berth/host/control` and `@berth/host/catalog`). Everything else stays an import of the
// installed package, loaded only by the commands that need it: `@berth/host` itself (its sandbox and console find
// their files next to its own modules), the plugins, pino, tar, write-file-atomic (it hashes its own __filename,
// which a bundle has not). Run by the root `npm run build` after tsc.
import { build } from 'esbuild';
import { chmod, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const dist = path.join(import.meta.dirname, '..', 'dist');
const bundled = [/^commander$/, /^zod(\/|$)/, /^env-paths$/, /^is-safe-filename$/, /^semver(\/|$)/, /^vscode-jsonrpc(\/|$)/, /^@berth\/sdk(\/|$)/, /^@berth\/host\/(control|catalog)$/];

/** Keeps every package import not in `bundled` an import (`external`), `@berth/host` included but its two light entries. */
const externals = {
  name: 'berth-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (bundled.some((re) => re.test(args.path)) ? undefined : { path: args.path, external: true }));
  },
};

// Chunks from an earlier build go first: each build names its own.
for (const name of await readdir(dist)) if (/^chunk-.*\.js$/.test(name)) await rm(path.join(dist, name));
const result = await build({
  entryPoints: { main: path.join(dist, 'cli.js') },
  outdir: dist,
  // A chunk per dynamic import: a command's implementation (and the packages only it imports) loads when it runs.
  // Chunks sit beside main.js, so `import.meta.url`-relative paths (package.json, the core plugins) hold in each.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externals],
  // commander is CommonJS: its require() of Node's modules needs a real require in an ES module.
  banner: { js: "import { createRequire as berthCreateRequire } from 'node:module'; const require = berthCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // Fewer bytes to read and parse; identifiers kept, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // BERTH_BUNDLE_META=<file> writes esbuild's metafile: which module landed in which chunk, and why.
  metafile: process.env.BERTH_BUNDLE_META !== undefined,
});
if (result.metafile !== undefined) await writeFile(process.env.BERTH_BUNDLE_META, JSON.stringify(result.metafile));
await chmod(path.join(dist, 'main.js'), 0o755);
