import type { PullProgress } from './pull-model.js';

/** Bytes as `12.3 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/**
 * One line of a pull's progress bar, for the CLI to print with `\r` (no newline):
 * `ai/smollm2 [#######.............]  35% 94.0 MB / 268.4 MB`. A `success` event shows a full bar and the message.
 */
export function renderProgressLine(model: string, event: PullProgress, width = 30): string {
  if (event.type === 'success') return `${model} [${'#'.repeat(width)}] 100% ${event.message}`;
  if (event.type === 'warning') return `${model} warning: ${event.message}`;
  if (event.total === undefined || event.total <= 0 || event.pulled === undefined) return `${model} ${event.message}`;
  const ratio = Math.min(1, Math.max(0, event.pulled / event.total));
  const filled = Math.round(ratio * width);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `${model} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} ${formatBytes(event.pulled)} / ${formatBytes(event.total)}`;
}
