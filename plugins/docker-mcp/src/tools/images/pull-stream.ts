import type { ToolContext } from '../tool.js';

/** One progress event of a pull or build stream. */
interface ProgressEvent {
  readonly status?: string;
  readonly id?: string;
  readonly stream?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
  readonly aux?: { readonly ID?: string };
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
}

/** What a followed progress stream ended with. */
export interface StreamSummary {
  /** The events' text lines (statuses or build output), capped to the last 200. */
  readonly lines: string[];
  /** The image id a build reported (`aux.ID`), if any. */
  readonly imageId?: string;
}

/**
 * Follows a pull or build progress stream to its end, reporting each step as progress. Rejects with the
 * stream's own error message (a failed pull or build step).
 */
export async function followProgress(context: ToolContext, stream: NodeJS.ReadableStream): Promise<StreamSummary> {
  const lines: string[] = [];
  let imageId: string | undefined;
  let step = 0;
  // Notifications are sent in order, and all of them before the result: a late one would reach a finished call.
  let sent: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    context.docker.modem.followProgress(
      stream,
      (error: Error | null) => (error !== null ? reject(error) : resolve()),
      (event: ProgressEvent) => {
        if (event.error !== undefined) return;
        const line = (event.stream ?? [event.id, event.status].filter(Boolean).join(': ')).trimEnd();
        if (event.aux?.ID !== undefined) imageId = event.aux.ID;
        if (line === '') return;
        lines.push(line);
        if (lines.length > 200) lines.shift();
        step += 1;
        const current = step;
        sent = sent.then(() => context.progress(current, undefined, line.slice(0, 200))).catch(() => undefined);
      },
    );
  });
  await sent;
  return { lines, ...(imageId !== undefined ? { imageId } : {}) };
}

/** Pulls `image` (default tag `latest`), reporting progress; rejects with the engine's reason when it fails. */
export async function pullImage(context: ToolContext, image: string): Promise<StreamSummary> {
  const stream = (await context.docker.pull(image)) as NodeJS.ReadableStream;
  return followProgress(context, stream);
}
