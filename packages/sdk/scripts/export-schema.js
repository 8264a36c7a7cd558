#!/usr/bin/env node
// Writes packages/sdk/plugin.schema.json from the zod schema (run after `npx tsc -b`).
// `--check` exits 1 when the committed file differs from a fresh export.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pluginManifestJsonSchema } from '../dist/index.js';

const target = fileURLToPath(new URL('../plugin.schema.json', import.meta.url));
const fresh = `${JSON.stringify(pluginManifestJsonSchema(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== fresh) {
    console.error(`${target} is stale; run: node packages/sdk/scripts/export-schema.js`);
    process.exit(1);
  }
} else {
  writeFileSync(target, fresh);
  console.log(`wrote ${target}`);
}
