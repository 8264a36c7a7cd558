/** What the in-namespace relay offers (passed to it as JSON on its command line: nothing in it is secret). */
export interface RelayConfig {
  /** The egress proxy's UNIX socket, as bound inside the namespace. */
  readonly socket: string;
  /** The namespace-loopback port speaking the proxy protocols (HTTP_PROXY, ALL_PROXY point here). */
  readonly proxyPort: number;
  /** Granted loopback endpoints offered as the same address inside the namespace. */
  readonly forwards: readonly { readonly host: string; readonly port: number }[];
}
