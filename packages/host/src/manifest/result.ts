import type { BerthError, MainMissingError, ManifestInvalidError, ManifestProblem, PluginManifest } from '@berth/sdk';

/** The outcome of {@link validateManifest}: a normalised manifest, or every problem at once. Never thrown. */
export type ManifestValidation =
  | {
      readonly ok: true;
      /** The validated manifest, defaults applied and `type` normalised. */
      readonly manifest: PluginManifest;
      /** Problems that do not stop the plugin (unknown fields, redundancies). */
      readonly warnings: readonly ManifestProblem[];
    }
  | {
      readonly ok: false;
      /** One error summarising every problem (`BERTH_MANIFEST_INVALID`, or `BERTH_MAIN_MISSING` when only `main` is wrong). */
      readonly error: ManifestInvalidError | MainMissingError;
      /** `[error]`: the errors to report, as discovery lists them. */
      readonly errors: readonly BerthError[];
      /** Every problem found (also on `error.problems`), each with file, JSON pointer, found, expected and hint. */
      readonly problems: readonly ManifestProblem[];
      /** Warnings found along the way. */
      readonly warnings: readonly ManifestProblem[];
      /** The plugin's name, when the manifest gives a usable one (for reports). */
      readonly name?: string;
    };

/** The outcome of {@link loadManifest}. Never thrown. */
export type ManifestLoadResult =
  | {
      readonly ok: true;
      /** The manifest file that was read. */
      readonly file: string;
      /** The plugin folder, as given. */
      readonly dir: string;
      /** The validated manifest. */
      readonly manifest: PluginManifest;
      /**
       * The absolute path of `main`, inside the folder, when there is a `main`: symlinks resolved (a plain file
       * directly in the folder is given as `<dir>/<main>`, `dir` resolved but not de-symlinked).
       */
      readonly mainPath?: string;
      /** Warnings. */
      readonly warnings: readonly ManifestProblem[];
    }
  | {
      readonly ok: false;
      /** The manifest file. */
      readonly file: string;
      /** The plugin folder, as given. */
      readonly dir: string;
      /**
       * The error to report: `BERTH_MANIFEST_UNREADABLE`, `BERTH_MANIFEST_JSON` (with line and column),
       * `BERTH_MANIFEST_INVALID` or `BERTH_MAIN_MISSING`.
       */
      readonly error: BerthError;
      /** `[error]`: the errors to report, as discovery lists them. */
      readonly errors: readonly BerthError[];
      /** Every problem found, each with file, JSON pointer, found, expected and hint. */
      readonly problems: readonly ManifestProblem[];
      /** Warnings found along the way. */
      readonly warnings: readonly ManifestProblem[];
      /** The plugin's name, when the manifest gives a usable one. */
      readonly name?: string;
    };
