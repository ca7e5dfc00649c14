/**
 * DEV ONLY — serves dist/renderer and answers the agent's local API wire form from an in-memory
 * sample board, so the board can be looked at before (or without) the real agent. Not part of the
 * app. It answers with the agent's contract: each input validated with its operation's schema
 * (dispatchKitchenCall) and every error through the one mapper (toErrorResponse), so the board shows
 * here what it shows against the agent. Run: `npx tsx renderer/dev/preview-server.ts [port]`.
 * `POST /dev/add-order` adds an order (with its new-order alert) to see a card arrive.
 */
/* eslint-disable no-restricted-imports -- a Node dev tool living beside the renderer it serves; never bundled. */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
/* eslint-enable no-restricted-imports */
import { WebSocketServer } from 'ws';
import { describeError } from '../../common/describe-error.js';
import { toErrorResponse } from '../../common/error-response.js';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { dispatchKitchenCall, isKitchenOperation, type ErrorLog } from '../../common/kitchen-dispatch.js';
import { createSampleBoard } from './sample-board.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wav': 'audio/wav', '.svg': 'image/svg+xml', '.png': 'image/png' };

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch (error) {
    // Marked as the agent's HTTP framework marks its parser's error, so the one mapper answers alike.
    throw Object.assign(error as Error, { statusCode: 400 });
  }
}

const log: ErrorLog = { error: (message, fields) => console.error(`preview: ${message}`, fields ?? {}) };

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export interface PreviewServer {
  url: string;
  server: Server;
  board: ReturnType<typeof createSampleBoard>;
  /** Stops serving and drops every WebSocket, as if the agent went away. */
  close(): Promise<void>;
}

export async function startPreviewServer(port = 0): Promise<PreviewServer> {
  const board = createSampleBoard();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (request.method === 'POST' && url.pathname === '/dev/add-order') return send(response, 200, board.addOrder());
      if (request.method === 'POST' && url.pathname.startsWith(`${LOCAL_API.prefix}/`)) {
        const method = url.pathname.slice(LOCAL_API.prefix.length + 1);
        if (!isKitchenOperation(method)) return send(response, 404, { ok: false, error: { code: ERROR_CODES.NOT_FOUND, message: `no operation ${method}` } });
        const { status, result } = await dispatchKitchenCall(board, method, await readBody(request), log);
        // JSON has no undefined: an operation that answers nothing (dismissConflict) answers null, as the agent does.
        return send(response, status, result.ok ? { ok: true, value: result.value ?? null } : result);
      }
      const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = await readFile(join(DIST, path)).catch(() => undefined);
      if (!file) return send(response, 404, { ok: false, error: { code: ERROR_CODES.NOT_FOUND, message: `no file ${path}` } });
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(file);
    } catch (error) {
      const { status, body, unexpected } = toErrorResponse(error);
      if (unexpected) log.error('request failed unexpectedly', { url: url.pathname, error: unexpected.reason });
      send(response, status, { ok: false, error: body });
    }
  };
  // handle answers every failure itself.
  const server = createServer((request, response) => void handle(request, response));

  const sockets = new WebSocketServer({ server, path: LOCAL_API.updatesPath });
  sockets.on('connection', (socket) => {
    // As the agent does: every connection starts with a full snapshot.
    const unsubscribe = board.subscribe((update) => socket.send(JSON.stringify(update)));
    board.getSnapshot().then(
      (snapshot) => socket.send(JSON.stringify({ type: 'snapshot', snapshot })),
      (error: unknown) => {
        // As the agent does: the board reconnects and asks again.
        log.error('snapshot failed', { error: describeError(error) });
        socket.close(1011);
      },
    );
    socket.on('close', unsubscribe);
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const close = async () => {
    for (const client of sockets.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${actualPort}`, server, board, close };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { url } = await startPreviewServer(Number(process.argv[2] ?? 4899));
  console.log(`board preview (dev only) at ${url}`);
}
