/**
 * The catalogue of stable error codes. A code is never renamed or reused; messages may improve.
 * Each area adds its codes here and its classes in a file of its own under `errors/`.
 */
export const ErrorCodes = {
  /** A `plugin.json` failed validation (see the error's `problems`). */
  MANIFEST_INVALID: 'BERTH_MANIFEST_INVALID',
  /** A `plugin.json` could not be read. */
  MANIFEST_UNREADABLE: 'BERTH_MANIFEST_UNREADABLE',
  /** A `plugin.json` is not valid JSON. */
  MANIFEST_JSON: 'BERTH_MANIFEST_JSON',
  /** A plugin's `main` file is missing or escapes the plugin folder. */
  MAIN_MISSING: 'BERTH_MAIN_MISSING',
  /** A dependency cycle between plugins. */
  DEPENDENCY_CYCLE: 'BERTH_DEPENDENCY_CYCLE',
  /** A dependency is not installed. */
  DEPENDENCY_MISSING: 'BERTH_DEPENDENCY_MISSING',
  /** A dependency is installed, but no version satisfies the range. */
  DEPENDENCY_MISMATCH: 'BERTH_DEPENDENCY_MISMATCH',
  /** Dependents need ranges no single installed version satisfies. */
  VERSION_CONFLICT: 'BERTH_VERSION_CONFLICT',
  /** The plugin was written for another host API version (`engines.berth`). */
  HOST_API_MISMATCH: 'BERTH_HOST_API_MISMATCH',
  /** Not loaded because a dependency failed. */
  DEPENDENCY_FAILED: 'BERTH_DEPENDENCY_FAILED',
  /** `initialize` threw or rejected. */
  INITIALIZE_FAILED: 'BERTH_INITIALIZE_FAILED',
  /** `initialize` did not finish in its time limit. */
  INITIALIZE_TIMEOUT: 'BERTH_INITIALIZE_TIMEOUT',
  /** Two plugins claim one contribution id. */
  CONTRIBUTION_CONFLICT: 'BERTH_CONTRIBUTION_CONFLICT',
  /** A contribution id is malformed or too long. */
  CONTRIBUTION_ID_INVALID: 'BERTH_CONTRIBUTION_ID_INVALID',
  /** No plugin of that name. */
  PLUGIN_NOT_FOUND: 'BERTH_PLUGIN_NOT_FOUND',
  /** The user disabled the plugin. */
  PLUGIN_DISABLED: 'BERTH_PLUGIN_DISABLED',
  /** The plugin is not in a state that allows the operation. */
  PLUGIN_STATE: 'BERTH_PLUGIN_STATE',
  /** A permission was not granted. */
  PERMISSION_DENIED: 'BERTH_PERMISSION_DENIED',
  /** No tool with that id. */
  TOOL_NOT_FOUND: 'BERTH_TOOL_NOT_FOUND',
  /** Tool arguments failed the tool's input schema. */
  TOOL_INPUT_INVALID: 'BERTH_TOOL_INPUT_INVALID',
  /** A `tool:beforeCall` guard denied the call. */
  TOOL_DENIED: 'BERTH_TOOL_DENIED',
  /** The call exceeded its time limit. */
  CALL_TIMEOUT: 'BERTH_CALL_TIMEOUT',
  /** The call was cancelled by its caller. */
  CALL_CANCELLED: 'BERTH_CALL_CANCELLED',
  /** A tool handler failed. */
  TOOL_FAILED: 'BERTH_TOOL_FAILED',
  /** A hook handler failed or timed out. */
  HOOK_FAILED: 'BERTH_HOOK_FAILED',
  /** A service is unknown or its provider stopped. */
  SERVICE_UNAVAILABLE: 'BERTH_SERVICE_UNAVAILABLE',
  /** The plugin's process exited or crashed. */
  PLUGIN_CRASHED: 'BERTH_PLUGIN_CRASHED',
  /** A configuration value failed the plugin's configuration schema. */
  CONFIG_INVALID: 'BERTH_CONFIG_INVALID',
  /** A plugin declares no setting of that name. */
  SETTING_NOT_FOUND: 'BERTH_SETTING_NOT_FOUND',
  /** A configuration file is corrupt. */
  CONFIG_CORRUPT: 'BERTH_CONFIG_CORRUPT',
  /** A required setting has neither a saved value nor a default. */
  CONFIG_MISSING: 'BERTH_CONFIG_MISSING',
  /** The configuration lock could not be taken in time (another writer holds it). */
  CONFIG_LOCKED: 'BERTH_CONFIG_LOCKED',
  /** A provider error (see the provider errors for the kind). */
  PROVIDER_ERROR: 'BERTH_PROVIDER_ERROR',
  /** A provider refused the credentials. */
  PROVIDER_AUTHENTICATION: 'BERTH_PROVIDER_AUTHENTICATION',
  /** A provider is rate-limiting (see `retryAfterSeconds`). */
  PROVIDER_RATE_LIMITED: 'BERTH_PROVIDER_RATE_LIMITED',
  /** A provider's server is not reachable or not ready. */
  PROVIDER_UNAVAILABLE: 'BERTH_PROVIDER_UNAVAILABLE',
  /** A provider's server refused the request as malformed. */
  PROVIDER_BAD_REQUEST: 'BERTH_PROVIDER_BAD_REQUEST',
  /** The request does not fit the model's context window. */
  PROVIDER_CONTEXT_OVERFLOW: 'BERTH_PROVIDER_CONTEXT_OVERFLOW',
  /** The provider does not have the model. */
  PROVIDER_MODEL_NOT_FOUND: 'BERTH_PROVIDER_MODEL_NOT_FOUND',
  /** The provider does not support the operation (e.g. embeddings). */
  PROVIDER_UNSUPPORTED: 'BERTH_PROVIDER_UNSUPPORTED',
  /** Pulling a model failed. */
  MODEL_PULL_FAILED: 'BERTH_MODEL_PULL_FAILED',
  /** A plugin asked for a service provided by a plugin it does not declare in `dependencies`. */
  SERVICE_NOT_DECLARED: 'BERTH_SERVICE_NOT_DECLARED',
  /** A tool's input or output schema is not a valid JSON Schema. */
  TOOL_SCHEMA_INVALID: 'BERTH_TOOL_SCHEMA_INVALID',
  /** A plugin event name is malformed or would shadow a host event. */
  EVENT_NAME_INVALID: 'BERTH_EVENT_NAME_INVALID',
  /** No registered provider serves that `<plugin>/<model>` id. */
  PROVIDER_NOT_FOUND: 'BERTH_PROVIDER_NOT_FOUND',
  /** An `mcp` plugin's MCP server could not be started or reached, or failed the MCP handshake. */
  MCP_CONNECT_FAILED: 'BERTH_MCP_CONNECT_FAILED',
  /** An `mcp` plugin's manifest does not say how to run or reach its MCP server. */
  MCP_SERVER_UNSPECIFIED: 'BERTH_MCP_SERVER_UNSPECIFIED',
  /** An `mcp` plugin's `server` uses a variable that has no value here (e.g. `${workspace}` with no workspace). */
  MCP_SERVER_VARIABLE: 'BERTH_MCP_SERVER_VARIABLE',
  /** An `mcp` plugin's `server.command` names a package or bin that is not installed in the plugin folder. */
  MCP_SERVER_NOT_INSTALLED: 'BERTH_MCP_SERVER_NOT_INSTALLED',
  /** The Docker engine does not answer at the configured socket or host. */
  DOCKER_UNREACHABLE: 'BERTH_DOCKER_UNREACHABLE',
  /** A Docker request was refused by the docker.access policy (privileged, host namespaces, mounts, ownership…). */
  DOCKER_POLICY_DENIED: 'BERTH_DOCKER_POLICY_DENIED',
  /** An image is absent locally and could not be pulled. */
  DOCKER_IMAGE_UNAVAILABLE: 'BERTH_DOCKER_IMAGE_UNAVAILABLE',
  /** A container, network or volume name is already taken. */
  DOCKER_NAME_CONFLICT: 'BERTH_DOCKER_NAME_CONFLICT',
  /** The Docker engine answered a request with an error. */
  DOCKER_REQUEST_FAILED: 'BERTH_DOCKER_REQUEST_FAILED',
  /** A Docker engine's settings are wrong (address, context, TLS files), or it refused the TLS handshake. */
  DOCKER_ENGINE_INVALID: 'BERTH_DOCKER_ENGINE_INVALID',
  /** The sandbox refused a plugin's RPC message (unknown method, invalid params, oversized, malformed). */
  RPC_REFUSED: 'BERTH_RPC_REFUSED',
  /** A plugin crashed too often in a short window and stays down until re-enabled. */
  PLUGIN_CRASH_LOOP: 'BERTH_PLUGIN_CRASH_LOOP',
  /** A folder to grant holds a symlink pointing outside it. */
  GRANT_UNSAFE: 'BERTH_GRANT_UNSAFE',
  /** A saved grant cannot be applied (unknown path variable, relative path). */
  GRANT_INVALID: 'BERTH_GRANT_INVALID',
  /** A filesystem grant covers Berth's own folders (configuration, secrets, data, control socket) without bubblewrap to hide them. */
  GRANT_COVERS_BERTH: 'BERTH_GRANT_COVERS_BERTH',
  /** The requested sandbox (e.g. bubblewrap) is not usable on this machine. */
  SANDBOX_UNAVAILABLE: 'BERTH_SANDBOX_UNAVAILABLE',
  /** A plugin root folder exists but cannot be listed. */
  DISCOVERY_ROOT_UNREADABLE: 'BERTH_DISCOVERY_ROOT_UNREADABLE',
  /** A hot reload did not happen; the running version keeps serving (see the cause). */
  RELOAD_FAILED: 'BERTH_RELOAD_FAILED',
  /** A call on a plugin's replaced version outlived the reload's drain limit and was cancelled. */
  RELOAD_DRAIN_TIMEOUT: 'BERTH_RELOAD_DRAIN_TIMEOUT',
  /** No running `berth serve` answered a reload request. */
  RELOAD_NO_SERVER: 'BERTH_RELOAD_NO_SERVER',
  /** A plugin's `plugin.json` changed its name while it was loaded; a reload cannot rename a plugin. */
  RELOAD_RENAMED: 'BERTH_RELOAD_RENAMED',
  /** No sandbox with that id (the message lists the known ones). */
  SANDBOX_NOT_FOUND: 'BERTH_SANDBOX_NOT_FOUND',
  /** A sandbox request asks beyond the caps the Sandbox Manager's settings allow. */
  SANDBOX_LIMIT_EXCEEDED: 'BERTH_SANDBOX_LIMIT_EXCEEDED',
  /** A sandbox workspace folder is outside the allowed roots, or a sandbox path escapes its workspace. */
  SANDBOX_PATH_DENIED: 'BERTH_SANDBOX_PATH_DENIED',
  /** A sandbox template named in a request is not in the settings. */
  SANDBOX_TEMPLATE_UNKNOWN: 'BERTH_SANDBOX_TEMPLATE_UNKNOWN',
  /** A file operation inside a sandbox failed (missing file, not a folder, …). */
  SANDBOX_FILE_FAILED: 'BERTH_SANDBOX_FILE_FAILED',
  /** No sandbox backend works here (neither Docker nor bubblewrap). */
  SANDBOX_BACKEND_UNAVAILABLE: 'BERTH_SANDBOX_BACKEND_UNAVAILABLE',
  /** A plugin's scoped network grant cannot be enforced at the OS level here (no bubblewrap) and the host requires it. */
  NETWORK_ENFORCEMENT_UNAVAILABLE: 'BERTH_NETWORK_ENFORCEMENT_UNAVAILABLE',
  /** `@berth/testing` could not bring a plugin folder up (invalid, waiting for approval, failed to start). */
  TEST_PLUGIN_NOT_STARTED: 'BERTH_TEST_PLUGIN_NOT_STARTED',
  /** `berth new` would overwrite a folder that is not empty, or was given a name or type it cannot use. */
  SCAFFOLD_REFUSED: 'BERTH_SCAFFOLD_REFUSED',
  /** `berth pack` cannot pack a folder: its plugin.json is invalid, it is not built, its dependencies are missing. */
  PACKAGE_INVALID: 'BERTH_PACKAGE_INVALID',
  /** An installed plugin's files no longer match its lock file (a file changed, appeared or went missing). */
  INSTALL_TAMPERED: 'BERTH_INSTALL_TAMPERED',
  /** The package registry could not be reached (offline, refused, DNS, timeout). */
  REGISTRY_UNREACHABLE: 'BERTH_REGISTRY_UNREACHABLE',
  /** The registry (or the tarball, or the folder) has no such package or no version in the range. */
  PACKAGE_NOT_FOUND: 'BERTH_PACKAGE_NOT_FOUND',
  /** A package cannot be added as an MCP server (no `bin`, several bins without a choice, not Node). */
  PACKAGE_NOT_SERVER: 'BERTH_PACKAGE_NOT_SERVER',
  /** A source given to `mcp add` / `plugins install` is not `npm:<pkg>[@range]`, a `.tgz` file or a folder. */
  SOURCE_INVALID: 'BERTH_SOURCE_INVALID',
  /** Installing a package failed (see the cause); nothing was changed. */
  INSTALL_FAILED: 'BERTH_INSTALL_FAILED',
  /** No installed plugin of that name in the lock file (it was not added by `mcp add` / `plugins install`). */
  INSTALL_NOT_FOUND: 'BERTH_INSTALL_NOT_FOUND',
  /** `plugins rollback` has no previous version to return to. */
  ROLLBACK_UNAVAILABLE: 'BERTH_ROLLBACK_UNAVAILABLE',
  /** A second `berth serve` on a data folder another one serves. */
  SERVER_RUNNING: 'BERTH_SERVER_RUNNING',
  /** An operation needs a running `berth serve` and there is none. */
  SERVER_NOT_RUNNING: 'BERTH_SERVER_NOT_RUNNING',
  /** The control socket answered outside the protocol or went away mid-call. */
  CONTROL_PROTOCOL: 'BERTH_CONTROL_PROTOCOL',
  /** A permission name not in the catalogue. */
  PERMISSION_UNKNOWN: 'BERTH_PERMISSION_UNKNOWN',
  /** A grant of a permission the plugin does not request (without --force). */
  GRANT_NOT_REQUESTED: 'BERTH_GRANT_NOT_REQUESTED',
  /** A revoke of a permission the plugin does not hold. */
  GRANT_NOT_FOUND: 'BERTH_GRANT_NOT_FOUND',
  /** A grant's scope entry that is not valid for its permission (a network entry that is not host[:port]). */
  GRANT_SCOPE_INVALID: 'BERTH_GRANT_SCOPE_INVALID',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
