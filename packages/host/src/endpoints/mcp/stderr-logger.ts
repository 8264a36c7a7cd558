import { pino } from 'pino';
import type { Logger } from '@berth/sdk';

/** A pino logger writing JSON lines to stderr (fd 2): for `berth serve --stdio`, whose stdout carries only MCP. */
export function createStderrLogger(level = 'info'): Logger {
  return pino({ level, base: { name: 'berth' } }, pino.destination({ fd: 2, sync: true }));
}
