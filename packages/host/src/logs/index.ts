export { PluginLogStore, pluginLogFile, readPluginLog, toPluginLogLine } from './plugin-log-store.js';
export { teeLogger } from './tee-logger.js';
