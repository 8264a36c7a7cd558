/** The label every object created through a policy proxy carries: `berth.managed=true`. */
export const MANAGED_LABEL = 'berth.managed';

/** The label naming the plugin that created an object: `berth.plugin=<name>`. */
export const PLUGIN_LABEL = 'berth.plugin';

/** The labels forced onto everything `plugin` creates (they overwrite any the plugin set). */
export function forcedLabels(plugin: string): Record<string, string> {
  return { [MANAGED_LABEL]: 'true', [PLUGIN_LABEL]: plugin };
}

/** True when `labels` say `plugin` created the object. */
export function ownedBy(labels: unknown, plugin: string): boolean {
  return typeof labels === 'object' && labels !== null && (labels as Record<string, unknown>)[PLUGIN_LABEL] === plugin;
}

/** `labels` with the forced ones (and `extra`, e.g. the proxy run's labels) on top. */
export function withForcedLabels(labels: unknown, plugin: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const own = typeof labels === 'object' && labels !== null && !Array.isArray(labels) ? (labels as Record<string, string>) : {};
  return { ...own, ...extra, ...forcedLabels(plugin) };
}

/**
 * A `filters` query value with `label=berth.plugin=<plugin>` added (Docker ANDs label filters), accepting both the
 * current (`{"label": ["k=v"]}`) and the legacy (`{"label": {"k=v": true}}`) shapes.
 */
export function scopedFilters(raw: string | null, plugin: string): string {
  let filters: Record<string, unknown> = {};
  if (raw !== null && raw !== '') {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) filters = parsed as Record<string, unknown>;
  }
  const current = filters['label'];
  const labels = Array.isArray(current)
    ? current.map(String)
    : typeof current === 'object' && current !== null
      ? Object.keys(current)
      : [];
  return JSON.stringify({ ...filters, label: [...labels, `${PLUGIN_LABEL}=${plugin}`] });
}
