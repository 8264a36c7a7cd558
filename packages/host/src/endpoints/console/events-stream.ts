import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlEvent, ControlOperations } from '../../control/types.js';
import { CONSOLE_HEADERS } from './http-answers.js';

/**
 * `GET /console/api/events`: the control plane's change stream as server-sent events (one `data:` JSON line per
 * change; a comment every 15 s keeps proxies and the browser from closing it). Ends when the browser goes.
 */
export async function streamEvents(ops: ControlOperations, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.writeHead(200, { ...CONSOLE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
  res.write(': berth console events\n\n');
  const send = (event: ControlEvent): void => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const unsubscribe = await ops.subscribe(send);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  keepAlive.unref();
  await new Promise<void>((resolve) => {
    req.on('close', resolve);
    res.on('close', resolve);
  });
  clearInterval(keepAlive);
  unsubscribe();
}
