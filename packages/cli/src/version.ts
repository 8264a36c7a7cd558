import { readFileSync } from 'node:fs';

/** The CLI's version, from its package.json (also in a packed, installed copy). */
export const BERTH_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
