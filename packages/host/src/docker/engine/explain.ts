import type { EngineAddress } from './address.js';

/** Why an engine could not be used, in words, with the fix. */
export interface EngineFailure {
  /** `tls`: the handshake was refused (a setting to fix, not a passing outage); `unreachable`: nothing answered; `other`. */
  readonly kind: 'tls' | 'unreachable' | 'other';
  /** What went wrong. */
  readonly reason: string;
  /** What to do. */
  readonly fix: string;
}

/** Node's codes for an engine certificate this host does not trust. */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** OpenSSL alerts the engine sends when it wants (another) client certificate. */
const CLIENT_CERT_REFUSED = /CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_HANDSHAKE_FAILURE|ALERT_CERTIFICATE_UNKNOWN|ALERT_ACCESS_DENIED/;

/** Codes of an engine that does not answer at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EACCES']);

/**
 * Explains a failure to reach `address`: an untrusted engine certificate (wrong CA), an engine that refused this
 * client's certificate or got none, a host name the certificate does not cover, TLS spoken to a plain engine, or an
 * engine that does not answer — each with the setting to change.
 */
export function explainEngineFailure(address: EngineAddress, error: Error): EngineFailure {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const tls = address.tls;
  const message = error.message;
  if (tls !== undefined) {
    if (UNTRUSTED.has(code)) {
      return {
        kind: 'tls',
        reason: `the engine's TLS certificate is not signed by the CA in ${tls.ca} (${message})`,
        fix: `put the CA that signed the engine's certificate in ${tls.ca} (docker_cert_path names the folder of ca.pem, cert.pem and key.pem)`,
      };
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return { kind: 'tls', reason: `the engine's TLS certificate does not cover this address (${message})`, fix: 'use the host name or IP the engine\'s certificate was made for in docker_host' };
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
      return { kind: 'tls', reason: `the engine's TLS certificate is not valid now (${message})`, fix: "renew the engine's certificate" };
    }
    if (CLIENT_CERT_REFUSED.test(code) || CLIENT_CERT_REFUSED.test(message.toUpperCase().replace(/ /g, '_')) || (tls.cert === undefined && code === 'ECONNRESET')) {
      const what = tls.cert === undefined ? `no client certificate was presented (none in ${tls.folder})` : `the engine refused the client certificate ${tls.cert}`;
      return {
        kind: 'tls',
        reason: `the engine refused the TLS handshake: ${what} (${message})`,
        fix: `put a client certificate signed by the engine's CA in ${tls.folder}/cert.pem with its key in ${tls.folder}/key.pem (docker_cert_path names that folder)`,
      };
    }
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') {
      return { kind: 'tls', reason: `the engine does not speak TLS there (${message})`, fix: 'check the port in docker_host, or turn TLS off (no docker_cert_path / docker_tls_verify) for a plain engine' };
    }
  }
  if (UNREACHABLE.has(code)) {
    return { kind: 'unreachable', reason: `nothing answers (${message})`, fix: `start the engine, or point docker_host / docker_context at one that runs` };
  }
  if (/^ssh exited/.test(message)) {
    return { kind: 'unreachable', reason: message, fix: `check that 'ssh ${address.host.replace(/^ssh:\/\//, '')}' works without a prompt and that docker is installed there` };
  }
  return { kind: 'other', reason: message, fix: 'check the engine and the docker_host / docker_context setting' };
}
