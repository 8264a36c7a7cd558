import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { registerNew } from './new.js';
import { registerPack } from './pack.js';
import { registerTypes } from './types.js';

/** The plugin-author kit's commands (`new`, `types`, `pack`), registered together to keep `main.ts` small. */
export function registerAuthorKit(program: Command, _globals: () => GlobalOptions): void {
  registerNew(program);
  registerTypes(program);
  registerPack(program);
}
