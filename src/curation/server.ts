/**
 * The review workbench over HTTP, on 127.0.0.1 only: `GET /` the page, `GET /api/queue` the queue,
 * `POST /api/decisions` one decision. Refused with a message: another Origin or Host (a web page
 * elsewhere must not decide, nor read the queue through DNS rebinding), a body that is not JSON or
 * not a decision, an unknown spelling, a stale version (409: nothing is overwritten). Every answer forbids
 * being framed (`frame-ancestors 'none'`, `X-Frame-Options: DENY`): a page elsewhere must not show
 * the workbench in a frame and have the reviewer click in it. A configuration file that turned invalid
 * while serving (decisions.json edited by hand, say) is answered in one line, and the server goes on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, configLine } from '../family/configError.js';
import { MAX_BODY_BYTES, parseDecisionRequest } from './request.js';
import { workbenchPage } from './workbenchPage.js';
import type { Workbench } from './workbench.js';

/** A running workbench server. */
export interface WorkbenchServer {
  /** Its address, `http://127.0.0.1:PORT/`. */
  url: string;
  /** Stop accepting requests, let decisions under way finish, close. */
  close(): Promise<void>;
}

/** Start serving a workbench on 127.0.0.1; port 0 picks a free one. */
export async function serveWorkbench(workbench: Workbench, port = 0): Promise<WorkbenchServer> {
  let origin = '';
  const server = createServer((req, res) => {
    handle(workbench, origin, req, res).catch((error: unknown) => {
      if (error instanceof ConfigError) {
        // The family's files are the maintainer's to fix: one line, no stack; the next request reads them again.
        const problems = error.problems.map(configLine).join('; ');
        process.stderr.write(`notice-extract review serve: configuration: ${problems}\n`);
        if (!res.headersSent) send(res, 500, { error: `configuration error: ${problems}` });
        else res.end();
        return;
      }
      // A bug while answering: the reviewer sees it, the server keeps running.
      process.stderr.write(`notice-extract review serve: internal error: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) send(res, 500, { error: `internal error: ${(error as Error).message}` });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, close: () => stop(server, workbench) };
}

async function stop(server: Server, workbench: Workbench): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await workbench.idle();
  // Decisions are done and answered; what is left open is idle keep-alive or a stalled upload.
  server.closeAllConnections();
  await closed;
}

async function handle(workbench: Workbench, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = req.headers.host ?? '';
  if (
    host !== origin.slice('http://'.length) &&
    host !== origin.replace('127.0.0.1', 'localhost').slice('http://'.length)
  ) {
    return send(res, 403, { error: `refused: Host "${host}" is not this workbench (${origin})` });
  }
  const path = new URL(req.url ?? '/', origin).pathname;
  if (req.method === 'GET' && path === '/') return sendText(res, 200, 'text/html; charset=utf-8', workbenchPage());
  if (req.method === 'GET' && path === '/api/queue') return send(res, 200, workbench.queue());
  if (path !== '/api/decisions') return send(res, 404, { error: `no such page: ${req.method ?? ''} ${path}` });
  if (req.method !== 'POST') return send(res, 405, { error: `${path} takes POST only` }, { allow: 'POST' });
  const from = req.headers.origin;
  if (from !== origin && from !== origin.replace('127.0.0.1', 'localhost')) {
    return send(res, 403, {
      error:
        `refused: a decision must come from the workbench page (Origin ${origin}), ` +
        `not from ${from === undefined ? 'a request without Origin' : `"${from}"`}`,
    });
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return send(res, 415, { error: 'refused: the body must be JSON (Content-Type: application/json)' });
  const body = await readBody(req);
  if (body === undefined) return send(res, 413, { error: `refused: body larger than ${MAX_BODY_BYTES} bytes` });
  const parsed = parseDecisionRequest(body);
  if (!parsed.ok) return send(res, 400, { error: `malformed decision: ${parsed.message}` });
  const answer = await workbench.decide(parsed.request);
  return send(res, answer.status, answer.body);
}

/** The request body as text, or undefined when it is too large. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/** Headers of every answer: not cached, not sniffed, never shown inside a frame (a meta CSP cannot say that). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

function sendText(
  res: ServerResponse,
  status: number,
  type: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...headers });
  res.end(text);
}
