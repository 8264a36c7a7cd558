// Bundles the web console's front end (console-ui/src → dist/console/app.js, app.css) with esbuild: one file each,
// no CDN, works offline. Run by the root `npm run build` after `tsc -b`.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

const here = import.meta.dirname;
const out = path.join(here, '..', 'dist', 'console');
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src', 'main.ts')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(path.join(here, 'app.css'), path.join(out, 'app.css'));
