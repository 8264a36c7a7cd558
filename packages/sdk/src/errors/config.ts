import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** Where a {@link ConfigInvalidError} comes from and how to fix it. */
export interface ConfigInvalidFacts {
  /** The plugin whose setting is invalid. */
  readonly plugin: string;
  /** The setting's name. */
  readonly setting: string;
  /** What is wrong, in the validator's words (e.g. `must be <= 65535`). */
  readonly problem: string;
  /** What the setting expects (e.g. `integer between 1 and 65535`, `one of "a", "b"`). */
  readonly expected?: string;
  /** The configuration file holding the value, when the value was read from one. */
  readonly file?: string;
}

/**
 * A configuration value failed the plugin's configuration schema, or names a setting the plugin does not declare.
 * The message names the plugin, the setting, the validator's error, what was expected and the command that fixes it.
 * It never contains the value itself (the value may be a secret).
 */
export class ConfigInvalidError extends BerthError {
  /** @param facts - who, what and where */
  constructor(facts: ConfigInvalidFacts) {
    const { plugin, setting, problem, expected, file } = facts;
    const hint = `berth config set ${plugin} ${setting} <value>`;
    const where = file !== undefined ? ` in ${file}` : '';
    const wants = expected !== undefined ? ` (expected ${expected})` : '';
    super(
      ErrorCodes.CONFIG_INVALID,
      `plugin '${plugin}' setting '${setting}'${where}: ${problem}${wants} (fix: ${hint})`,
      {
        plugin,
        setting,
        problem,
        path: `/plugins/${plugin}/settings/${setting}`,
        hint,
        ...(expected !== undefined ? { expected } : {}),
        ...(file !== undefined ? { file } : {}),
      },
    );
  }

  /** The setting that is invalid. */
  get setting(): string {
    return this.details['setting'] as string;
  }
}

/** A required setting has neither a saved value nor a default. Names the plugin, the setting and the command to set it. */
export class ConfigMissingError extends BerthError {
  /**
   * @param plugin - the plugin that requires the setting
   * @param setting - the setting's name
   * @param description - the setting's description from the manifest, if any
   */
  constructor(plugin: string, setting: string, description?: string) {
    const hint = `berth config set ${plugin} ${setting} <value>`;
    const about = description !== undefined && description !== '' ? ` (${description})` : '';
    super(
      ErrorCodes.CONFIG_MISSING,
      `plugin '${plugin}' requires setting '${setting}'${about}, which has no saved value and no default (run: ${hint})`,
      { plugin, setting, path: `/plugins/${plugin}/settings/${setting}`, hint },
    );
  }

  /** The setting that is missing. */
  get setting(): string {
    return this.details['setting'] as string;
  }
}

/** Where a corrupt configuration file went wrong and what the host did about it. */
export interface ConfigCorruptFacts {
  /** The corrupt file. */
  readonly file: string;
  /** 1-based line of the first error. */
  readonly line: number;
  /** 1-based column of the first error. */
  readonly column: number;
  /** The parser's or the shape check's words. */
  readonly reason: string;
  /** Where the corrupt file was moved (it is never overwritten or deleted), if it was. */
  readonly movedTo?: string;
  /** What the host started from instead (`the last good version <file>` or `the defaults`), if it recovered. */
  readonly recoveredFrom?: string;
}

/**
 * A configuration file is not valid JSON or not a valid Berth configuration. Names the file, line and column; when the
 * host recovered, also where the corrupt file was kept and what the host started from.
 */
export class ConfigCorruptError extends BerthError {
  /** @param facts - where and what */
  constructor(facts: ConfigCorruptFacts) {
    const { file, line, column, reason, movedTo, recoveredFrom } = facts;
    const kept = movedTo !== undefined ? `; the corrupt file was kept as ${movedTo}` : '';
    const from = recoveredFrom !== undefined ? `; started from ${recoveredFrom}` : '';
    const hint = movedTo !== undefined ? `inspect ${movedTo} and copy back what you need` : `fix ${file} by hand`;
    super(
      ErrorCodes.CONFIG_CORRUPT,
      `configuration file ${file} is corrupt at line ${line}, column ${column}: ${reason}${kept}${from} (fix: ${hint})`,
      {
        file,
        line,
        column,
        reason,
        hint,
        ...(movedTo !== undefined ? { movedTo } : {}),
        ...(recoveredFrom !== undefined ? { recoveredFrom } : {}),
      },
    );
  }
}

/** The configuration lock could not be taken in time. Names the lock file and its holder. */
export class ConfigLockedError extends BerthError {
  /**
   * @param lockFile - the lock file
   * @param holder - who holds it (`pid 123 on host x since …`), if known
   * @param waitedMs - how long this process waited
   */
  constructor(lockFile: string, holder: string | undefined, waitedMs: number) {
    const who = holder !== undefined ? ` (held by ${holder})` : '';
    const hint = `if no Berth process is running, delete ${lockFile}`;
    super(
      ErrorCodes.CONFIG_LOCKED,
      `could not lock the configuration: ${lockFile} is held by another writer${who} after waiting ${waitedMs} ms (fix: ${hint})`,
      { file: lockFile, hint, waitedMs, ...(holder !== undefined ? { holder } : {}) },
    );
  }
}

/** A plugin declares no setting of that name (`berth config get|unset`). */
export class SettingNotFoundError extends BerthError {
  /**
   * @param plugin - the plugin
   * @param setting - the name asked for
   * @param known - the settings it declares
   */
  constructor(plugin: string, setting: string, known: readonly string[]) {
    super(ErrorCodes.SETTING_NOT_FOUND, `plugin '${plugin}' has no setting '${setting}' (its settings: ${known.join(', ') || 'none'})`, {
      plugin,
      setting,
      hint: `berth config list ${plugin}`,
    });
  }
}
