// The parts of pacote and @npmcli/arborist that Berth uses (their published types are for older majors).

declare module 'pacote' {
  /** Options shared by pacote's calls (npm's configuration names). */
  export interface PacoteOptions {
    readonly registry?: string;
    readonly cache?: string;
    readonly ignoreScripts?: boolean;
    readonly fullMetadata?: boolean;
    readonly fetchRetries?: number;
    readonly fetchRetryMintimeout?: number;
    readonly fetchRetryMaxtimeout?: number;
    readonly fetchTimeout?: number;
    readonly integrity?: string;
    /** The Arborist class, which pacote needs to pack a folder. */
    readonly Arborist?: unknown;
  }
  /** A package manifest with the fields pacote adds. */
  export interface PacoteManifest {
    readonly name: string;
    readonly version: string;
    readonly _resolved: string;
    readonly _integrity: string;
    readonly [key: string]: unknown;
  }
  /** Resolves `spec` to one version's manifest. */
  export function manifest(spec: string, options?: PacoteOptions): Promise<PacoteManifest>;
  /** Writes the package's tarball to `file`. */
  export function tarball(spec: string, options?: PacoteOptions): Promise<Buffer & { integrity: string; resolved: string }>;
  /** Unpacks the package into `dest`. */
  export function extract(spec: string, dest: string, options?: PacoteOptions): Promise<{ integrity: string; resolved: string }>;
  const pacote: { manifest: typeof manifest; tarball: typeof tarball; extract: typeof extract };
  export default pacote;
}

declare module '@npmcli/arborist' {
  /** Arborist's options (npm's configuration names). */
  export interface ArboristOptions {
    readonly path: string;
    readonly registry?: string;
    readonly cache?: string;
    readonly ignoreScripts?: boolean;
    readonly audit?: boolean;
    readonly fund?: boolean;
    readonly binLinks?: boolean;
    readonly installStrategy?: 'hoisted' | 'nested' | 'shallow' | 'linked';
    readonly fetchRetries?: number;
    readonly fetchRetryMintimeout?: number;
    readonly fetchRetryMaxtimeout?: number;
    readonly fetchTimeout?: number;
    readonly progress?: boolean;
  }
  /** The tree Arborist built. */
  export interface ArboristNode {
    readonly path: string;
  }
  /** Builds and writes a dependency tree. */
  export default class Arborist {
    constructor(options: ArboristOptions);
    reify(options: { readonly add?: readonly string[]; readonly save?: boolean }): Promise<ArboristNode>;
  }
}
