import { strict as assert } from 'node:assert';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config';
import { createLimitedServer, listen } from '../../../src/http/server';

/** Resolves with what the server sent before it closed the connection (empty: closed at once). */
function connectAndWaitForClose(port: number, send?: string): Promise<{ socket: net.Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.once('error', reject);
    socket.once('connect', () => {
      if (send) socket.write(send);
      resolve({ socket, closed });
    });
  });
}

describe('http/server limits', () => {
  it('applies the documented defaults', () => {
    const { http } = loadConfig({});
    assert.deepEqual(http, { maxConnections: 500, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000 });
    const server = createLimitedServer((_req, res) => res.end(), http);
    assert.equal(server.maxConnections, 500);
    assert.equal(server.headersTimeout, 10_000);
    assert.equal(server.requestTimeout, 30_000);
    assert.equal(server.keepAliveTimeout, 65_000);
  });

  it('reads each limit from its variable, and refuses a request timeout shorter than the headers timeout', () => {
    const { http } = loadConfig({ HTTP_MAX_CONNECTIONS: '64', HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '8000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '2000' });
    assert.deepEqual(http, { maxConnections: 64, headersTimeoutMs: 5000, requestTimeoutMs: 8000, keepAliveTimeoutMs: 2000 });
    assert.throws(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }), /HTTP_REQUEST_TIMEOUT_MS: must not be shorter than HTTP_HEADERS_TIMEOUT_MS/);
  });

  it("closes a connection that sends no request within the headers timeout (not after Node's 30 s check)", async () => {
    const server = await listen(createLimitedServer((_req, res) => res.end('ok'), { maxConnections: 10, headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 65_000 }), 0, '127.0.0.1');
    const port = (server.address() as AddressInfo).port;
    try {
      const idle = await connectAndWaitForClose(port);
      // Nothing is sent: the server must close it itself (the suite's 20 s timeout fails the test otherwise).
      assert.match(await idle.closed, /^(|HTTP\/1\.1 408[\s\S]*)$/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('closes connections beyond maxConnections at once, and still serves once one is free', async () => {
    const server = await listen(createLimitedServer((_req, res) => res.end('ok'), { maxConnections: 2, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000 }), 0, '127.0.0.1');
    const port = (server.address() as AddressInfo).port;
    try {
      const idle = [await connectAndWaitForClose(port), await connectAndWaitForClose(port)];
      const third = await connectAndWaitForClose(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.equal(await third.closed, '', 'the third connection is dropped without an answer');
      idle[0].socket.destroy();
      await idle[0].closed;
      const connections = () => new Promise<number>((resolve) => server.getConnections((_err, n) => resolve(n)));
      while ((await connections()) >= 2) await new Promise((r) => setImmediate(r));
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
      assert.equal(await res.text(), 'ok');
      idle[1].socket.destroy();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
