import fs from 'node:fs';
import path from 'node:path';
import type { PermissionDecision } from './gate.js';

/** One line of the audit log: a decision, and where it was taken. */
export interface AuditRecord extends PermissionDecision {
  /** Who decided: `gate` (host-side check), `sandbox` (the runner: start-up profile, containment), `child` (a denial the sandboxed process reported) or `docker-policy` (the Docker policy socket). */
  readonly source?: 'gate' | 'sandbox' | 'child' | 'docker-policy';
  /** A short explanation, when useful (e.g. `killed: event loop blocked 1000 ms`). */
  readonly detail?: string;
}

/** Filter of {@link AuditLog.read}. */
export interface AuditFilter {
  /** Only this plugin's records. */
  readonly plugin?: string;
  /** Only allowed (true) or denied (false) decisions. */
  readonly allowed?: boolean;
  /** At most this many records, the most recent. */
  readonly limit?: number;
}

const FIELD_LIMIT = 1024;

function clip(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.length > FIELD_LIMIT ? `${value.slice(0, FIELD_LIMIT)}…` : value;
}

function isRecord(value: unknown): value is AuditRecord {
  const r = value as Partial<AuditRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.time === 'string' && typeof r.plugin === 'string' &&
    typeof r.permission === 'string' && typeof r.allowed === 'boolean';
}

/**
 * The audit log: every permission decision (allowed and denied), one JSON object per line, appended synchronously
 * so a crash never loses a decision already taken. Read it with {@link AuditLog.read} (`berth audit`).
 */
export class AuditLog {
  /** The JSON-lines file. */
  readonly file: string;
  readonly #listeners = new Set<(record: AuditRecord) => void>();

  /** @param file - the JSON-lines file (created with its folder on first write) */
  constructor(file: string) {
    this.file = file;
  }

  /** Appends one decision; `time` defaults to now. Never throws (a failing disk must not stop the host). */
  record(decision: Omit<AuditRecord, 'time'> & { readonly time?: string }): AuditRecord {
    const record: AuditRecord = {
      time: decision.time ?? new Date().toISOString(),
      plugin: clip(decision.plugin) ?? '',
      permission: clip(decision.permission) ?? '',
      ...(decision.target !== undefined ? { target: clip(decision.target) } : {}),
      allowed: decision.allowed,
      ...(decision.source !== undefined ? { source: decision.source } : {}),
      ...(decision.detail !== undefined ? { detail: clip(decision.detail) } : {}),
    };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.appendFileSync(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    } catch (error) {
      process.emitWarning(`berth: cannot write the audit log ${this.file}: ${(error as Error).message}`);
    }
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch {
        // a listener's failure never reaches the decision
      }
    }
    return record;
  }

  /** Be told of each record as it is written (the live tail); returns the unsubscribe function. */
  onRecord(listener: (record: AuditRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the records, oldest first, filtered; unreadable lines are skipped. An absent file reads as empty. */
  read(filter: AuditFilter = {}): AuditRecord[] {
    return readAuditFile(this.file, filter);
  }
}

/** Reads an audit file (a pure function for `berth audit [--plugin x] [--json]`). */
export function readAuditFile(file: string, filter: AuditFilter = {}): AuditRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed) && (filter.plugin === undefined || parsed.plugin === filter.plugin) &&
        (filter.allowed === undefined || parsed.allowed === filter.allowed)) records.push(parsed);
    } catch {
      // a torn or foreign line: skip it
    }
  }
  return filter.limit !== undefined ? records.slice(-filter.limit) : records;
}
