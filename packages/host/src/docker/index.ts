export { startDockerPolicyProxy } from './proxy.js';
export type { DockerPolicyProxy, DockerPolicyProxyOptions } from './proxy.js';
export type { DockerPolicyDecision } from './decision.js';
export { MANAGED_LABEL, PLUGIN_LABEL, forcedLabels } from './labels.js';
