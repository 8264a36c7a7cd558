// Runs the built Sandbox Manager in a child process (settings as JSON in argv[2], data folder in argv[3]), creates
// the sandboxes asked for (argv[4], a count), starts a background command in each, prints their ids as one JSON
// line, then waits to be killed — the "plugin killed mid-run" case of the leftovers tests.
import pino from 'pino';
import { createSandboxManagerPlugin } from '../../dist/index.js';

const [settingsJson, dataDir, count] = process.argv.slice(2);
const settings = JSON.parse(settingsJson);
const tools = new Map();
const context = {
  plugin: { name: 'sandbox-manager', version: '1.0.0', dir: process.cwd() },
  config: { get: (key) => settings[key], all: () => settings },
  logger: pino({ level: 'silent' }),
  dataDir,
  tools: { register: (d) => { tools.set(d.name, d); return () => tools.delete(d.name); }, list: async () => [], call: async () => ({ content: [] }) },
};
const call = async (name, args) => (await tools.get(name).handler(args, { signal: new AbortController().signal, progress() {} })).structuredContent;
const instance = createSandboxManagerPlugin();
await instance.plugin.initialize(context);
const ids = [];
for (let i = 0; i < Number(count); i += 1) {
  const { id } = await call('create', {});
  await call('exec', { sandbox: id, command: 'sleep 300', background: true });
  ids.push(id);
}
process.stdout.write(`${JSON.stringify(ids)}\n`);
setInterval(() => undefined, 1000);
