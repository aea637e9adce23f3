// The HTTP server the app listens on, with limits: without them, idle sockets (about 21,000 in one
// probe) used up the process's file descriptors and Webex deliveries were refused until they closed.
import http from 'node:http';
import type { RequestListener } from 'node:http';

export interface ServerLimits {
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/** `app` may be left out and attached later with server.on('request', app) (start.ts does, once it is built). */
export function createLimitedServer(app: RequestListener | undefined, limits: ServerLimits): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node enforces the two timeouts above only when it checks its connections, every 30 s by default:
      // an idle socket would live 30 s, not headersTimeoutMs. Checking every second makes the limits real.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  return server;
}

export function listen(server: http.Server, port: number, host: string | undefined): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
