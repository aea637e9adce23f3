// Helpers for the emulator tests: raw HTTP calls (node:http, one connection per call, so nothing is pooled or left
// open) and a webhook receiver that keeps the exact bytes it was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: unknown;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** `url` is absolute, e.g. `${baseUrl}/people/me`. */
export function call(method: string, url: string, opts: CallOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.form) {
      payload = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = raw;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, raw, body });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: Record<string, unknown>;
}

export interface HookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Status the receiver answers with. */
  status: number;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  const receiver = { status: 200 } as HookReceiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> });
      res.statusCode = receiver.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  receiver.received = received;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/** http://127.0.0.1:PORT/v1 -> http://127.0.0.1:PORT/_control */
export function controlUrl(baseUrl: string): string {
  return baseUrl.replace(/\/v1$/, '/_control');
}
