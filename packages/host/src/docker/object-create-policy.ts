import { canonicalKeys } from './canonical-keys.js';
import { DockerPolicyRefusal } from './decision.js';
import { withForcedLabels } from './labels.js';

type Json = Record<string, unknown>;

/** The policy of `POST /networks/create`: forces the labels; bridge networks only, on an interface of their own, no config-from. */
export function networkCreatePolicy(raw: Json, plugin: string, runLabels: Readonly<Record<string, string>> = {}): Json {
  const body = canonicalKeys(raw, ['Driver', 'ConfigFrom', 'Labels', 'Options'], '');
  const driver = String(body['Driver'] ?? 'bridge');
  if (driver !== 'bridge' && driver !== '') {
    throw new DockerPolicyRefusal(`a network with driver '${driver}' (Driver)`, 'only bridge networks are allowed (macvlan, ipvlan and host attach to the host\'s own network)');
  }
  const options = body['Options'];
  if (typeof options === 'object' && options !== null && Object.keys(options).some((k) => k.startsWith('com.docker.network.bridge.name'))) {
    throw new DockerPolicyRefusal('choosing the bridge interface (Options["com.docker.network.bridge.name"])', 'it could take over an existing host interface');
  }
  if (body['ConfigFrom'] !== undefined && body['ConfigFrom'] !== null) {
    throw new DockerPolicyRefusal('a network configured from another (ConfigFrom)', 'networks must be configured explicitly');
  }
  return { ...body, Labels: withForcedLabels(body['Labels'], plugin, runLabels) };
}

/** The policy of `POST /volumes/create`: forces the labels; only the local driver, without options (they can bind host folders). */
export function volumeCreatePolicy(raw: Json, plugin: string): Json {
  const body = canonicalKeys(raw, ['Driver', 'DriverOpts', 'Labels'], '');
  const driver = String(body['Driver'] ?? 'local');
  if (driver !== 'local' && driver !== '') throw new DockerPolicyRefusal(`a volume with driver '${driver}' (Driver)`, 'only the local driver is allowed');
  const options = body['DriverOpts'];
  if (typeof options === 'object' && options !== null && Object.keys(options).length > 0) {
    throw new DockerPolicyRefusal('volume driver options (DriverOpts)', 'local driver options can mount any host folder or device (o=bind, device=…)');
  }
  return { ...body, Labels: withForcedLabels(body['Labels'], plugin) };
}

/** The policy of `POST /containers/{id}/exec`: never a privileged process. */
export function execCreatePolicy(raw: Json): Json {
  const body = canonicalKeys(raw, ['Privileged'], '');
  if (body['Privileged'] === true) throw new DockerPolicyRefusal('a privileged exec (Privileged)', 'processes may not run privileged');
  return body;
}
