// @ts-check
/**
 * Parses a raw HTTP response recording (status line, headers, blank line, body — as `curl -i` saves it) into
 * what the replay server writes back: status, headers and the body split at its recorded boundaries
 * (one SSE event per chunk, one JSON line per chunk for JSON-line streams).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the recordings (copied from the llama.cpp capture; `dmr-*` written by hand from Model Runner's source). */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Headers the replay server lets node:http set itself (framing of the new connection). */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * @typedef {object} Recording
 * @property {string} name the file name without `.txt`
 * @property {number} status the HTTP status
 * @property {string} statusText the reason phrase
 * @property {[string, string][]} headers the recorded headers, without framing headers
 * @property {string} body the whole body
 * @property {string[]} chunks the body split at its recorded boundaries
 */

/** @type {Map<string, Recording>} */
const cache = new Map();

/**
 * Splits a body at the boundaries it was streamed with.
 * @param {string} body
 * @param {string} contentType
 * @param {boolean} chunked
 * @returns {string[]}
 */
function splitBody(body, contentType, chunked) {
  if (contentType.startsWith('text/event-stream')) {
    return body.split(/(?<=\n\n)/).filter((c) => c !== '');
  }
  if (chunked) return body.split(/(?<=\n)/).filter((c) => c !== '');
  return [body];
}

/**
 * Loads and parses one recording by name.
 * @param {string} name e.g. `chat-stream`
 * @returns {Recording}
 */
export function loadRecording(name) {
  const cached = cache.get(name);
  if (cached) return cached;
  const raw = readFileSync(`${FIXTURES_DIR}${name}.txt`, 'utf8');
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).split('\r\n');
  const body = raw.slice(split + 4);
  const statusLine = /^HTTP\/1\.1 (\d{3}) ?(.*)$/.exec(head[0] ?? '');
  if (!statusLine) throw new Error(`replay fixture ${name}.txt: no status line`);
  /** @type {[string, string][]} */
  const all = head.slice(1).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  const contentType = all.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const chunked = all.some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && v === 'chunked');
  /** @type {Recording} */
  const recording = {
    name,
    status: Number(statusLine[1]),
    statusText: statusLine[2] ?? '',
    headers: all.filter(([k]) => !FRAMING.has(k.toLowerCase())),
    body,
    chunks: splitBody(body, contentType, chunked),
  };
  cache.set(name, recording);
  return recording;
}

/**
 * The JSON body of a recording (for tests comparing a parsed response with the recorded one).
 * @param {string} name
 * @returns {any}
 */
export function recordedJson(name) {
  return JSON.parse(loadRecording(name).body);
}

/**
 * The JSON payloads of a recorded SSE stream, without `[DONE]`.
 * @param {string} name
 * @returns {any[]}
 */
export function recordedEvents(name) {
  return loadRecording(name)
    .chunks.map((c) => c.replace(/^data: /, '').trim())
    .filter((c) => c !== '' && c !== '[DONE]')
    .map((c) => JSON.parse(c));
}
