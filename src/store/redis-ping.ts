// Whether a Redis answers PING, for `npm run doctor`. Never throws; says what went wrong in words.
import Redis from 'ioredis';

export async function pingRedis(url: string, timeoutMs = 3_000): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, commandTimeout: timeoutMs });
  // The connection's own error (ECONNREFUSED, ENOTFOUND…) says more than the "Connection is closed." connect() rejects with.
  let cause: unknown;
  client.on('error', (err: unknown) => (cause ??= err));
  try {
    await client.connect();
    const answer = await client.ping();
    return answer === 'PONG' ? { ok: true } : { ok: false, reason: 'it did not answer PING' };
  } catch (err) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (err as NodeJS.ErrnoException)?.code;
    const message = err instanceof Error ? err.message : String(err);
    // Redis' own words ("NOAUTH Authentication required.") are safe; never the URL (it may hold a password).
    return { ok: false, reason: code ?? message.split('\n')[0].slice(0, 120) };
  } finally {
    client.disconnect();
  }
}
