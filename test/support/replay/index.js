// @ts-check
/** The replay server of recorded llama.cpp / Docker Model Runner responses, for tests and benchmarks. */
export { startReplayServer, canonicalPath, DESKTOP_PREFIX } from './server.js';
export { loadRecording, recordedJson, recordedEvents, FIXTURES_DIR } from './recording.js';
export { route, KNOWN_MODELS, PULLABLE } from './routes.js';
