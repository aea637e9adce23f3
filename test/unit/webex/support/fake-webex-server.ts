// A scripted HTTP server on 127.0.0.1:<random port> standing in for webexapis.com in unit tests.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Remote port: tells connections apart. */
  remotePort: number;
}

export type ScriptedReply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { destroy: true }
  | { hang: true };

export type ReplyScript = (req: RecordedRequest, index: number) => ScriptedReply;

export interface FakeWebex {
  /** e.g. http://127.0.0.1:54321/v1 */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  script(reply: ReplyScript): void;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, reply: Extract<ScriptedReply, { status: number }>): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] ??= 'text/html';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function startFakeWebex(): Promise<FakeWebex> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let reply: ReplyScript = () => ({ status: 200, json: {} });

  const server = http.createServer((req, res) => {
    const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, remotePort: req.socket.remotePort ?? 0 };
    requests.push(recorded);
    const scripted = reply(recorded, requests.length - 1);
    if ('destroy' in scripted) {
      req.socket.destroy();
      return;
    }
    if ('hang' in scripted) return;
    send(res, scripted);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    script(next) {
      reply = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
