/** The console's calls to its server: JSON over fetch, changes with the session's CSRF token. */

const csrf = document.querySelector<HTMLMetaElement>('meta[name="berth-csrf"]')?.content ?? '';

/** An error the server answered with. */
export class ApiError extends Error {
  /** The server's error code, e.g. `BERTH_SETTING_INVALID`. */
  readonly code: string;
  /** The HTTP status. */
  readonly status: number;
  /**
   * @param status - the HTTP status
   * @param code - the error code
   * @param message - the server's message
   */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (response.status === 401) location.reload();
  if (!response.ok) throw new ApiError(response.status, body.error ?? String(response.status), body.message ?? response.statusText);
  return body as T;
}

/** GET `/console/api/<path>`. */
export async function get<T>(path: string): Promise<T> {
  return answer<T>(await fetch(`/console/api/${path}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
}

/** POST `/console/api/<path>` with a JSON body and the CSRF token. */
export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  return answer<T>(await postRaw(path, body));
}

/** POST, answering the raw response (for streams). */
export function postRaw(path: string, body: unknown): Promise<Response> {
  return fetch(`/console/api/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-berth-csrf': csrf },
    body: JSON.stringify(body),
  });
}

/** Signs out (the session ends on the server) and shows the sign-in page. */
export async function signOut(): Promise<void> {
  await fetch('/console/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'x-berth-csrf': csrf } });
  location.reload();
}

/** A change in the host, as the event stream sends it. */
export interface HostEvent {
  readonly type: string;
  readonly time: string;
  readonly plugin: string;
  readonly [key: string]: unknown;
}

const listeners = new Set<(event: HostEvent) => void>();
let source: EventSource | undefined;

/** Be told of every change in the host (one shared EventSource); returns the removal. */
export function onHostEvent(listener: (event: HostEvent) => void): () => void {
  listeners.add(listener);
  if (source === undefined) {
    source = new EventSource('/console/api/events');
    const relay = (message: MessageEvent<string>): void => {
      const event = JSON.parse(message.data) as HostEvent;
      for (const l of [...listeners]) l(event);
    };
    for (const type of ['plugin:state', 'plugin:reload', 'plugin:added', 'config:changed', 'tools:changed', 'audit']) {
      source.addEventListener(type, relay as EventListener);
    }
  }
  return () => listeners.delete(listener);
}
