// mcp-notes: Berth's example MCP server plugin, written with the official MCP server SDK (2.x).
// It keeps notes in memory, and its `add_shortcut` tool adds a new tool at run time (clients get
// notifications/tools/list_changed). `wait` reports progress and records when a caller cancels it.
// Logs go to stderr: stdout carries the protocol.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const notes = new Map();
const shortcuts = new Set();
const cancelled = [];
const live = new Set();

const text = (value) => ({ content: [{ type: 'text', text: value }] });

function addShortcutTool(server, title) {
  server.registerTool(
    `note_${title}`,
    { description: `Returns the note titled '${title}' (a shortcut added at run time).`, inputSchema: z.object({}) },
    async () => text(notes.get(title) ?? `no note titled '${title}'`),
  );
}

async function wait({ ms }, ctx) {
  const token = ctx.mcpReq._meta?.progressToken;
  const started = Date.now();
  const steps = 4;
  for (let step = 1; step <= steps; step++) {
    const aborted = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms / steps);
      ctx.mcpReq.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(true); }, { once: true });
    });
    if (aborted) {
      cancelled.push({ ms, after: Date.now() - started });
      console.error(`mcp-notes: wait(${ms}) cancelled after ${Date.now() - started} ms`);
      return text('cancelled');
    }
    if (token !== undefined) {
      await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: steps } });
    }
  }
  return text(`waited ${ms} ms`);
}

function createServer() {
  const server = new McpServer({ name: 'mcp-notes', version: '0.1.0' }, { capabilities: { tools: { listChanged: true } } });
  server.registerTool(
    'add_note',
    { description: 'Saves a note under a title.', inputSchema: z.object({ title: z.string().regex(/^[a-z0-9_]{1,32}$/), text: z.string() }) },
    async ({ title, text: body }) => { notes.set(title, body); return text(`saved '${title}'`); },
  );
  server.registerTool('list_notes', { description: 'Lists the titles of all notes.', inputSchema: z.object({}) }, async () =>
    text([...notes.keys()].join('\n') || '(no notes)'),
  );
  server.registerTool(
    'add_shortcut',
    { description: 'Adds a tool note_<title> that returns that note: a tool added at run time.', inputSchema: z.object({ title: z.string().regex(/^[a-z0-9_]{1,32}$/) }) },
    async ({ title }) => {
      if (!shortcuts.has(title)) {
        shortcuts.add(title);
        for (const other of live) addShortcutTool(other, title);
      }
      return text(`added tool note_${title}`);
    },
  );
  server.registerTool('wait', { description: 'Waits ms milliseconds, reporting progress; stops when cancelled.', inputSchema: z.object({ ms: z.number().int().min(0).max(600000) }) }, wait);
  server.registerTool('cancellations', { description: 'How many wait calls were cancelled by their caller.', inputSchema: z.object({}) }, async () =>
    text(JSON.stringify({ count: cancelled.length, cancelled })),
  );
  server.registerTool('pid', { description: "The server process's id.", inputSchema: z.object({}) }, async () => text(String(process.pid)));
  for (const title of shortcuts) addShortcutTool(server, title);
  live.add(server);
  return server;
}

serveStdio(() => createServer(), { onerror: (error) => console.error(`mcp-notes: ${error.message}`) });
