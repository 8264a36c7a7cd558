import { containerCopyIn } from './containers/copy-in.js';
import { containerCopyOut, containerReadFiles } from './containers/copy-out.js';
import { containerCreate } from './containers/create.js';
import { containerExec } from './containers/exec.js';
import { containerInspect } from './containers/inspect.js';
import { containerKill, containerPause, containerRestart, containerStart, containerStop, containerUnpause } from './containers/lifecycle.js';
import { containerList } from './containers/list.js';
import { containerLogs } from './containers/logs.js';
import { containerRemove } from './containers/remove.js';
import { containerRun } from './containers/run.js';
import { containerStats } from './containers/stats.js';
import { imageBuild } from './images/build.js';
import { imageInspect } from './images/inspect.js';
import { imageList } from './images/list.js';
import { imagePull } from './images/pull.js';
import { imageRemove } from './images/remove.js';
import { imageTag } from './images/tag.js';
import { networkConnect, networkCreate, networkDisconnect, networkInspect, networkList, networkRemove } from './networks/network-tools.js';
import { systemDiskUsage, systemHealth, systemInfo, systemPrune, systemVersion } from './system/system-tools.js';
import type { DockerTool } from './tool.js';
import { volumeCreate, volumeInspect, volumeList, volumeRemove } from './volumes/volume-tools.js';

/** Every tool of the plugin, in the order they are listed. */
export const ALL_TOOLS: readonly DockerTool[] = [
  containerList, containerInspect, containerRun, containerCreate, containerStart, containerStop, containerRestart,
  containerKill, containerPause, containerUnpause, containerRemove, containerLogs, containerStats, containerExec,
  containerCopyIn, containerCopyOut, containerReadFiles,
  imageList, imageInspect, imagePull, imageBuild, imageTag, imageRemove,
  networkList, networkInspect, networkCreate, networkRemove, networkConnect, networkDisconnect,
  volumeList, volumeInspect, volumeCreate, volumeRemove,
  systemHealth, systemInfo, systemVersion, systemDiskUsage, systemPrune,
];

/** The tools offered under the settings: in read-only mode, only those that change nothing. */
export function toolsFor(readOnly: boolean): readonly DockerTool[] {
  return readOnly ? ALL_TOOLS.filter((tool) => tool.annotations.readOnlyHint) : ALL_TOOLS;
}
